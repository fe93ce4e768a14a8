package io.beep.saga.platform.authz;

/**
 * A relationship filter for DeleteRelationships: null fields match anything. Either a resource type
 * or a subject type is given; a subject filter without {@code subjectRelation} matches the plain
 * subject and every subject set of it.
 */
public record TupleFilter(String resourceType, String resourceId, String relation,
                          String subjectType, String subjectId, String subjectRelation) {

    /** Every relationship of one object. */
    public static TupleFilter resource(String type, String id) {
        return new TupleFilter(type, id, null, null, null, null);
    }

    /** Every relationship naming one subject (or one of its subject sets when {@code relation} is given). */
    public static TupleFilter subject(String type, String id, String relation) {
        return new TupleFilter(null, null, null, type, id, relation);
    }

    /** Whether a relationship matches, the way the authorization server matches it. */
    public boolean matches(Tuple tuple) {
        return (resourceType == null || resourceType.equals(tuple.entityType()))
                && (resourceId == null || resourceId.equals(tuple.entityId()))
                && (relation == null || relation.equals(tuple.relation()))
                && (subjectType == null || subjectType.equals(tuple.subjectType()))
                && (subjectId == null || subjectId.equals(tuple.subjectId()))
                && (subjectRelation == null || subjectRelation.equals(tuple.subjectRelation()));
    }
}

package io.beep.saga.platform.authz;

/**
 * One authorization relationship: {@code entityType:entityId#relation@subjectType:subjectId[#subjectRelation]}.
 */
public record Tuple(String entityType, String entityId, String relation,
                    String subjectType, String subjectId, String subjectRelation) {

    public static Tuple of(String entityType, String entityId, String relation, String subjectType, String subjectId) {
        return new Tuple(entityType, entityId, relation, subjectType, subjectId, "");
    }

    public static Tuple ofSet(String entityType, String entityId, String relation, String subjectType,
                              String subjectId, String subjectRelation) {
        return new Tuple(entityType, entityId, relation, subjectType, subjectId, subjectRelation);
    }

    @Override
    public String toString() {
        return entityType + ":" + entityId + "#" + relation + "@" + subjectType + ":" + subjectId
                + (subjectRelation.isEmpty() ? "" : "#" + subjectRelation);
    }
}

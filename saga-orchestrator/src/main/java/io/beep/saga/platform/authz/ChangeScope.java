package io.beep.saga.platform.authz;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose permissions a relationship write may take away, which decides what the write announces
 * ({@link RelationshipChanges}): nothing (it can only add permissions), the users it names, or
 * everybody. Command and query side keep only ALLOWED decisions, so only a write that can shrink a
 * permission can make a kept decision wrong.
 * <p>Polarity of the relations in {@code authz/schema.zed}:
 * <ul>
 *   <li>only ever granting: {@code owner}, {@code member}, {@code server}, {@code parent},
 *       {@code recipient}, {@code sender}, {@code grant_*} and {@code *_allow_*}. Adding one can
 *       only add permissions; removing one may take them away. ({@code server} also reaches
 *       {@code server->muted} negatively, but a channel gets its one server relation when it is
 *       created, and before that it granted nothing in-server; {@code member} reaches the everyone
 *       role's deny overwrites through {@code server#member}, but a non-member has no in-server
 *       permission to lose.)</li>
 *   <li>only ever taking away: {@code muted} and {@code *_deny_*}. Removing one can only add.</li>
 *   <li>both: {@code assignee} (a role brings its grants and its deny overwrites), and any relation
 *       not listed here (the safe default for a relation added to the schema later).</li>
 * </ul>
 * A relationship whose subject is a plain user ({@code user:U}) can only change that user's
 * permissions (users have no relations of their own and the schema has no wildcards); any other
 * subject (a role's or the server's member set) concerns everybody.
 */
public record ChangeScope(boolean everybody, Set<String> users) {

    /** More users than this are announced as a change for everybody (one short message). */
    static final int MAX_USERS = 64;

    public static final ChangeScope NONE = new ChangeScope(false, Set.of());
    public static final ChangeScope EVERYBODY = new ChangeScope(true, Set.of());

    /** Whether the write needs no announcement. */
    public boolean none() {
        return !everybody && users.isEmpty();
    }

    /** The scope of writing (touching) these relationships. */
    public static ChangeScope ofWrite(Collection<Tuple> tuples) {
        return of(tuples, false);
    }

    /** The scope of deleting these relationships. */
    public static ChangeScope ofDelete(Collection<Tuple> tuples) {
        return of(tuples, true);
    }

    /** The scope of deleting every relationship a filter matches. */
    public static ChangeScope ofDeleteMatching(TupleFilter filter) {
        if (filter.relation() != null && onlyTakesAway(filter.relation())) {
            return NONE;
        }
        if ("user".equals(filter.subjectType()) && filter.subjectId() != null
                && (filter.subjectRelation() == null || filter.subjectRelation().isEmpty())) {
            return new ChangeScope(false, Set.of(filter.subjectId()));
        }
        return EVERYBODY;
    }

    private static ChangeScope of(Collection<Tuple> tuples, boolean deleting) {
        var users = new TreeSet<String>();
        for (var tuple : tuples) {
            boolean harmless = deleting ? onlyTakesAway(tuple.relation()) : onlyGrants(tuple.relation());
            if (harmless) {
                continue;
            }
            if (!"user".equals(tuple.subjectType()) || !tuple.subjectRelation().isEmpty()) {
                return EVERYBODY;
            }
            users.add(tuple.subjectId());
            if (users.size() > MAX_USERS) {
                return EVERYBODY;
            }
        }
        return users.isEmpty() ? NONE : new ChangeScope(false, Set.copyOf(users));
    }

    private static final Set<String> GRANTING = Set.of("owner", "member", "server", "parent", "recipient", "sender");

    static boolean onlyGrants(String relation) {
        return GRANTING.contains(relation) || relation.startsWith("grant_") || relation.contains("_allow_");
    }

    static boolean onlyTakesAway(String relation) {
        return relation.equals("muted") || relation.contains("_deny_");
    }

    /**
     * This scope bounded by what the change can reach at most ({@code bound}: a server's members):
     * a change for everybody is narrowed to the bound; nothing or named users stay as they are
     * (those are exact already).
     */
    public ChangeScope within(ChangeScope bound) {
        return everybody ? bound : this;
    }

    /** The users in a stable order (for the announcement text). */
    List<String> sortedUsers() {
        return List.copyOf(new TreeSet<>(users));
    }
}

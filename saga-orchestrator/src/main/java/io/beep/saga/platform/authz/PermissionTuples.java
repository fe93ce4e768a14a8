package io.beep.saga.platform.authz;

import java.util.List;

/**
 * Writes and deletes relationship tuples. Both are idempotent: writing a tuple that exists or
 * deleting one that does not is not an error. Each returns the store's consistency (ZedToken) token.
 */
public interface PermissionTuples {

    String write(List<Tuple> tuples);

    /**
     * Writes the relationships of an object the event just created (a new server with its everyone
     * role): nothing referred to it before, so they can only grant and need no announcement
     * ({@link ChangeScope}). Anywhere else (a repair, a later event) use {@link #write}.
     */
    default String writeCreated(List<Tuple> tuples) {
        return write(tuples);
    }

    String delete(List<Tuple> tuples);

    /** Deletes every relationship the filter matches; matching none is not an error. */
    String deleteMatching(TupleFilter filter);

    /**
     * The users a change to one server's relationships (its own, its roles', its channels') can
     * concern: its members, read now and fully consistently — a non-member has no permission on
     * anything of the server to gain or lose — or {@link ChangeScope#EVERYBODY} when there are more
     * than {@link ChangeScope#MAX_USERS}. Read it BEFORE a change that removes members.
     */
    default ChangeScope membersOf(String serverId) {
        return ChangeScope.EVERYBODY;
    }

    /** {@link #write}, announced at most to {@code within} ({@link ChangeScope#within}). */
    default String write(List<Tuple> tuples, ChangeScope within) {
        return write(tuples);
    }

    /** {@link #delete}, announced at most to {@code within}. */
    default String delete(List<Tuple> tuples, ChangeScope within) {
        return delete(tuples);
    }

    /** {@link #deleteMatching}, announced at most to {@code within}. */
    default String deleteMatching(TupleFilter filter, ChangeScope within) {
        return deleteMatching(filter);
    }
}

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
}

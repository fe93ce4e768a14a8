package io.beep.saga.platform.authz;

import java.util.List;

/**
 * Writes and deletes relationship tuples. Both are idempotent: writing a tuple that exists or
 * deleting one that does not is not an error. Each returns the store's consistency (ZedToken) token.
 */
public interface PermissionTuples {

    String write(List<Tuple> tuples);

    String delete(List<Tuple> tuples);

    /** Deletes every relationship the filter matches; matching none is not an error. */
    String deleteMatching(TupleFilter filter);
}

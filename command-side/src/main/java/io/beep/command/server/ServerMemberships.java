package io.beep.command.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/**
 * The set of (user, server) memberships with a per-user count, kept beside the event store so the
 * 50-server limit holds across every server aggregate. Changes run in the transaction of the command
 * that appends the matching event: both are written or neither is.
 */
public interface ServerMemberships {

    /** The most servers a user may be in, joins and creates together. */
    int LIMIT = 50;

    /** Records the membership; fails with SERVER_LIMIT_REACHED when the user is already in {@link #LIMIT} servers. */
    void reserve(UserId user, ServerId server);

    /** Forgets the membership; nothing happens when there is none. */
    void release(UserId user, ServerId server);

    /** Forgets every membership of a deleted server. */
    void releaseAll(ServerId server);
}

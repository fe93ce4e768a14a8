package io.beep.contracts.common;

import java.util.Collection;
import java.util.List;

/**
 * The Redis pub/sub channel on which the saga orchestrator announces relationship (or schema) writes
 * to the authorization server that may take a permission away, before its processor moves past the
 * event that caused it. It also publishes {@link #HEARTBEAT} every {@link #HEARTBEAT_INTERVAL_MS},
 * so a subscriber can tell a quiet channel from a dead connection.
 * <p>An announcement is either {@code users:<id>,<id>...|<zedtoken>} — only these users' permissions
 * may have shrunk (every written relationship names one of them as its plain subject) — or any other
 * text (the write's ZedToken, {@code schema}, ...): anybody's permission may have shrunk. A write
 * that can only add permissions (a new member, a new channel, an allow overwrite, an unmute) is not
 * announced at all: denials are never kept, so it cannot make a kept decision wrong.
 * A service that reuses permission decisions drops the named users' decisions (or all of them) and
 * checks those users (or everyone) fully consistently for a while afterwards (see
 * docs/architecture.md, "Permission decisions in memory").
 */
public final class AuthzChanges {

    public static final String CHANNEL = "beep.authz.changes.v1";
    public static final String HEARTBEAT = "heartbeat";
    public static final long HEARTBEAT_INTERVAL_MS = 2_000;
    /** Prefix of an announcement that names the only users whose permissions may have shrunk. */
    public static final String USERS_PREFIX = "users:";

    private AuthzChanges() {
    }

    /** The announcement of a change that may shrink only these users' permissions. */
    public static String users(Collection<String> userIds, String zedToken) {
        return USERS_PREFIX + String.join(",", userIds) + "|" + (zedToken == null ? "" : zedToken);
    }

    /**
     * The users an announcement names, or {@code null} when it concerns everybody (any text that is
     * not a well-formed {@link #users} announcement: the safe reading).
     */
    public static List<String> usersOf(String message) {
        if (message == null || !message.startsWith(USERS_PREFIX)) {
            return null;
        }
        int bar = message.indexOf('|');
        if (bar <= USERS_PREFIX.length()) {
            return null;
        }
        var ids = message.substring(USERS_PREFIX.length(), bar).split(",");
        for (var id : ids) {
            if (id.isEmpty()) {
                return null;
            }
        }
        return List.of(ids);
    }
}

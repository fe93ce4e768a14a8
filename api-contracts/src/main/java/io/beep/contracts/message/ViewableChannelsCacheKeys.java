package io.beep.contracts.message;

/**
 * Redis layout of the per-user "viewable channels of a server" cache of server-wide search, shared by
 * the query side (reads and fills it) and the saga orchestrator (invalidates it after a permission
 * change is in SpiceDB). An entry lives under the server's current generation; invalidating a server
 * stores the ZedToken of the change, then increments the generation, so every older entry is
 * unreachable at once (and expires by itself) and the next lookup recomputes at least as fresh as the
 * change.
 */
public final class ViewableChannelsCacheKeys {

    private static final String PREFIX = "beep:viewable-channels:";

    private ViewableChannelsCacheKeys() {
    }

    /** The server's generation counter (absent = generation 0). */
    public static String generation(String serverId) {
        return PREFIX + "gen:" + serverId;
    }

    /** The ZedToken of the server's last invalidation: recomputations read at least as fresh as it. */
    public static String zedToken(String serverId) {
        return PREFIX + "zed:" + serverId;
    }

    /** One user's viewable channels of the server (comma-separated ids) in one generation. */
    public static String entry(String serverId, String generation, String userId) {
        return PREFIX + serverId + ":" + generation + ":" + userId;
    }
}

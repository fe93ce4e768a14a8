package io.beep.contracts.common;

/**
 * The Redis pub/sub channel on which the saga orchestrator announces every relationship (or schema)
 * write it made to the authorization server, before its processor moves past the event that caused
 * it; the message is the write's ZedToken. It also publishes {@link #HEARTBEAT} every
 * {@link #HEARTBEAT_INTERVAL_MS}, so a subscriber can tell a quiet channel from a dead connection.
 * A service that reuses permission decisions drops them all on each announcement and checks fully
 * consistently for a while afterwards (see docs/architecture.md, "Permission decisions in memory").
 */
public final class AuthzChanges {

    public static final String CHANNEL = "beep.authz.changes.v1";
    public static final String HEARTBEAT = "heartbeat";
    public static final long HEARTBEAT_INTERVAL_MS = 2_000;

    private AuthzChanges() {
    }
}

package io.beep.contracts.common;

/**
 * The Redis pub/sub channel on which the saga orchestrator announces every relationship write it
 * made to the authorization server, before its processor moves past the event that caused it. The
 * message is the write's ZedToken. A service that reuses permission decisions drops them all on
 * each message and reads at least as fresh as that token for a while afterwards (see
 * docs/architecture.md, "Permission decisions in memory").
 */
public final class AuthzChanges {

    public static final String CHANNEL = "beep.authz.changes.v1";

    private AuthzChanges() {
    }
}

package io.beep.contracts.account;

import java.time.Duration;

/**
 * Redis layout of the users whose access tokens the gateway refuses before they expire: the sorted
 * set {@link #SET} holds user ids scored by the epoch millisecond of their disabling or deletion
 * (written by command-side's {@code revoked-users} processor, read by the gateway). Entries older than
 * {@link #WINDOW} are dropped: every token issued before the disabling has expired by then (access
 * token lifespan 30 min), and Keycloak issues no new token to a disabled or deleted user.
 */
public final class RevokedUsersKeys {

    public static final String SET = "beep:revoked-users";
    public static final Duration WINDOW = Duration.ofMinutes(35);

    private RevokedUsersKeys() {
    }
}

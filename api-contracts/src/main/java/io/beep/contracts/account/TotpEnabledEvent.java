package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * Two-factor sign-in with a time-based one-time password was switched on: Keycloak now holds an OTP
 * credential ({@code credentialId}) and asks for its code at every sign-in. The secret is never in
 * an event.
 */
@EventRevision("1")
public record TotpEnabledEvent(UserId userId, String credentialId, Instant enabledAt) implements AccountEvent {
}

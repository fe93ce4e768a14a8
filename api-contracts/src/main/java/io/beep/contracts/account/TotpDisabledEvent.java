package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** Two-factor sign-in was switched off: the OTP credential was removed from Keycloak. */
@EventRevision("1")
public record TotpDisabledEvent(UserId userId, String credentialId, Instant disabledAt) implements AccountEvent {
}

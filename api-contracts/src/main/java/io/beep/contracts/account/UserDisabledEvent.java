package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A global moderator disabled the account: it can no longer sign in (Keycloak refuses new tokens). */
@EventRevision("1")
public record UserDisabledEvent(UserId userId, UserId disabledBy, Instant disabledAt) implements AccountEvent {
}

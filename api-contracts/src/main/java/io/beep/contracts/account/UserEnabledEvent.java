package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A global moderator enabled a disabled account again. */
@EventRevision("1")
public record UserEnabledEvent(UserId userId, UserId enabledBy, Instant enabledAt) implements AccountEvent {
}

package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user changed their password (the fact only: no secret is ever in an event). */
@EventRevision("1")
public record PasswordChangedEvent(UserId userId, Instant changedAt) implements AccountEvent {
}

package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user's new e-mail address was verified (the link of the mail was followed) and took effect. */
@EventRevision("1")
public record EmailChangedEvent(UserId userId, String email, Instant changedAt) implements AccountEvent {
}

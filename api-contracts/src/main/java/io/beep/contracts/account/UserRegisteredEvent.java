package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user signed up; they can sign in once their e-mail address is verified. */
@EventRevision("1")
public record UserRegisteredEvent(
        UserId userId,
        String username,
        String email,
        String firstName,
        String lastName,
        Instant registeredAt) implements AccountEvent {
}

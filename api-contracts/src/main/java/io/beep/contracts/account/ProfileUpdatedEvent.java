package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * A user changed their profile through Beep. Carries the whole public profile after the change, so a
 * view can be rebuilt from the latest one alone; {@code avatarKey} is the S3 object key of the avatar
 * (under {@code user/}), null when there is none.
 */
@EventRevision("1")
public record ProfileUpdatedEvent(
        UserId userId,
        String username,
        String firstName,
        String lastName,
        String avatarKey,
        Instant updatedAt) implements AccountEvent {
}

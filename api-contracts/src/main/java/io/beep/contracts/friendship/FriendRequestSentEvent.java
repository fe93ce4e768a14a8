package io.beep.contracts.friendship;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** {@code fromUserId} asked {@code toUserId} to be friends. */
@EventRevision("1")
public record FriendRequestSentEvent(
        FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId fromUserId,
        UserId toUserId,
        Instant sentAt) implements FriendshipEvent {
}

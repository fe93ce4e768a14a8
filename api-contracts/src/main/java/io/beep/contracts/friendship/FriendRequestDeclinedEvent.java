package io.beep.contracts.friendship;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;

/** The addressee declined the request. */
@EventRevision("1")
public record FriendRequestDeclinedEvent(
        FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId fromUserId,
        UserId toUserId) implements FriendshipEvent {
}

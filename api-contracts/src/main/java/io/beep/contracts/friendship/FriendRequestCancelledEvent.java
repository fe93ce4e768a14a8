package io.beep.contracts.friendship;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;

/** The sender withdrew the request. */
@EventRevision("1")
public record FriendRequestCancelledEvent(
        FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId fromUserId,
        UserId toUserId) implements FriendshipEvent {
}

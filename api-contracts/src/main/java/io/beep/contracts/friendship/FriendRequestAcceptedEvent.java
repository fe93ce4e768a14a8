package io.beep.contracts.friendship;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * The two users are friends now. {@code dmChannelId} is the pair's DM channel: created by the
 * friendship saga the first time, reused when they become friends again.
 */
@EventRevision("1")
public record FriendRequestAcceptedEvent(
        FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId fromUserId,
        UserId toUserId,
        ChannelId dmChannelId,
        Instant acceptedAt) implements FriendshipEvent {
}

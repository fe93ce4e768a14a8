package io.beep.contracts.friendship;

import java.time.Instant;

/**
 * A friend request as clients see it; {@code status} is pending, accepted, declined or cancelled.
 * {@code dmChannelId} is set once accepted.
 */
public record FriendRequestView(
        String id,
        String fromUserId,
        String toUserId,
        String status,
        String dmChannelId,
        Instant createdAt) {
}

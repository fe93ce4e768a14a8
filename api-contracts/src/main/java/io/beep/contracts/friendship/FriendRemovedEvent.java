package io.beep.contracts.friendship;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;

/**
 * The friendship ended. Their DM channel ({@code dmChannelId}) stays readable for both, but nobody
 * can post in it any more.
 */
@EventRevision("1")
public record FriendRemovedEvent(
        FriendshipId friendshipId,
        UserId removedBy,
        UserId otherUserId,
        ChannelId dmChannelId) implements FriendshipEvent {
}

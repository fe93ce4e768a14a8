package io.beep.contracts.friendship;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask {@code toUserId} to be friends. If they already asked {@code fromUserId}, this accepts their
 * request instead; {@code proposedDmChannelId} is then the DM channel's id unless the pair already
 * has one.
 */
public record SendFriendRequestCommand(
        @TargetAggregateIdentifier FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId fromUserId,
        UserId toUserId,
        ChannelId proposedDmChannelId) {
}

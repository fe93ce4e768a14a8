package io.beep.contracts.friendship;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The addressee accepts a pending request. {@code proposedDmChannelId} becomes the pair's DM channel
 * id unless the pair already has one (friends before).
 */
public record AcceptFriendRequestCommand(
        @TargetAggregateIdentifier FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId acceptedBy,
        ChannelId proposedDmChannelId) {
}

package io.beep.contracts.friendship;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The sender withdraws a pending request. */
public record CancelFriendRequestCommand(
        @TargetAggregateIdentifier FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId cancelledBy) {
}

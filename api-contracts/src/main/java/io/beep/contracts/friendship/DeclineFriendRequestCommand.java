package io.beep.contracts.friendship;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The addressee declines a pending request. */
public record DeclineFriendRequestCommand(
        @TargetAggregateIdentifier FriendshipId friendshipId,
        FriendRequestId requestId,
        UserId declinedBy) {
}

package io.beep.contracts.friendship;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One of two friends ends the friendship. */
public record RemoveFriendCommand(
        @TargetAggregateIdentifier FriendshipId friendshipId,
        UserId removedBy) {
}

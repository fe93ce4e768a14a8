package io.beep.contracts.friendship;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the account-deletion saga: whatever the pair's state, end it for a deleted user. Friends
 * become {@link FriendRemovedEvent}; a pending request the user sent is cancelled, one they received
 * is declined; no relationship changes nothing (so a retried step is harmless).
 */
public record EndFriendshipCommand(@TargetAggregateIdentifier FriendshipId friendshipId, UserId deletedUserId) {
}

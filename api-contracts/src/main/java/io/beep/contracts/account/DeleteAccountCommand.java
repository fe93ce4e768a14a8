package io.beep.contracts.account;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendshipId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete an account: records {@link AccountDeletedEvent} once (a repeat changes nothing).
 * {@code source} is {@code beep} or {@code keycloak}.
 */
public record DeleteAccountCommand(
        @TargetAggregateIdentifier UserId userId,
        Set<ServerId> serverIds,
        Set<FriendshipId> friendshipIds,
        String source) {
}

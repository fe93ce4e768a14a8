package io.beep.contracts.account;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendshipId;
import java.time.Instant;
import java.util.Set;

/**
 * An account was deleted (through Beep, or directly in Keycloak when {@code source} is
 * {@code keycloak}). {@code serverIds} and {@code friendshipIds} are the server memberships and the
 * friendships (friends or a pending request) the user had at that moment: the account-deletion saga
 * ends each of them. Authored messages stay and show a deleted author.
 */
@EventRevision("1")
public record AccountDeletedEvent(
        UserId userId,
        Set<ServerId> serverIds,
        Set<FriendshipId> friendshipIds,
        String source,
        Instant deletedAt) implements AccountEvent {
}

package io.beep.command.friendship;

import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendshipId;
import java.util.Optional;

/** Which friendship a friend request id belongs to (request ids are what clients name). */
interface FriendRequestIndex {

    /** Records a new request; runs in the transaction of the request's event. */
    void record(FriendRequestId requestId, FriendshipId friendshipId);

    Optional<FriendshipId> find(FriendRequestId requestId);
}

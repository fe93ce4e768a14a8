package io.beep.contracts.friendship;

/** Every event of the friendship aggregate names its friendship. */
public interface FriendshipEvent {
    FriendshipId friendshipId();
}

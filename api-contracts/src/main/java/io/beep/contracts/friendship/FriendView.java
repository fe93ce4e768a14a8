package io.beep.contracts.friendship;

import java.time.Instant;

/** One of my friends: who, since when, and our DM channel. */
public record FriendView(
        String userId,
        Instant since,
        String dmChannelId) {
}

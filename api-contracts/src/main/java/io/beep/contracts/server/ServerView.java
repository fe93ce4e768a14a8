package io.beep.contracts.server;

import java.time.Instant;

/** A server as clients see it; {@code visibility} is {@code public} or {@code private}. */
public record ServerView(
        String id,
        String name,
        String description,
        String visibility,
        String ownerId,
        long memberCount,
        Instant createdAt) {
}

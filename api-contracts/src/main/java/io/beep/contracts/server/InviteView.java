package io.beep.contracts.server;

import java.time.Instant;

/**
 * An invitation as clients see it. {@code expiresAt} and {@code maxUses} are null when unlimited;
 * {@code targetUserId} is set for a personal invitation. {@code serverName} and {@code memberCount}
 * preview the server.
 */
public record InviteView(
        String code,
        String serverId,
        String serverName,
        Integer memberCount,
        Instant expiresAt,
        Integer maxUses,
        int uses,
        String targetUserId,
        String createdBy,
        Instant createdAt) {
}

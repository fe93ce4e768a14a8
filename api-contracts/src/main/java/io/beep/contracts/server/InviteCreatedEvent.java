package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** An invitation to a server was made: a link (expiresAt and maxUses null when unlimited) or, with {@code targetUserId}, an invitation of one user (used once). */
@EventRevision("1")
public record InviteCreatedEvent(ServerId serverId, String code, UserId createdBy, Instant createdAt, Instant expiresAt, Integer maxUses, UserId targetUserId) implements ServerEvent {
}

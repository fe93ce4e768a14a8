package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user joined a server. */
@EventRevision("1")
public record MemberJoinedEvent(ServerId serverId, UserId userId, Instant joinedAt) implements ServerEvent {
}

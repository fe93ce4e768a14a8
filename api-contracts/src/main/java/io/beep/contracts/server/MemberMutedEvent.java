package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A member may not send messages in the server until {@code mutedUntil} (re-muting replaces the time). */
@EventRevision("1")
public record MemberMutedEvent(ServerId serverId, UserId userId, Instant mutedUntil, UserId mutedBy) implements ServerEvent {
}

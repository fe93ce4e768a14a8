package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** A member's mute ended; {@code unmutedBy} is null when it ran out. */
@EventRevision("1")
public record MemberUnmutedEvent(ServerId serverId, UserId userId, UserId unmutedBy) implements ServerEvent {
}

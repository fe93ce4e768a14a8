package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** A ban was lifted. */
@EventRevision("1")
public record MemberUnbannedEvent(ServerId serverId, UserId userId, UserId unbannedBy) implements ServerEvent {
}

package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** The user an invitation names declined it; it is gone. */
@EventRevision("1")
public record InviteDeclinedEvent(ServerId serverId, String code, UserId userId) implements ServerEvent {
}

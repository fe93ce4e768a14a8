package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** An invitation was deleted; its code no longer works. */
@EventRevision("1")
public record InviteRevokedEvent(ServerId serverId, String code, UserId revokedBy) implements ServerEvent {
}

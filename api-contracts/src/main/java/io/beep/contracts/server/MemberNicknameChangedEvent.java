package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** A member's nickname in a server changed; null clears it. */
@EventRevision("1")
public record MemberNicknameChangedEvent(ServerId serverId, UserId userId, String nickname, UserId changedBy) implements ServerEvent {
}

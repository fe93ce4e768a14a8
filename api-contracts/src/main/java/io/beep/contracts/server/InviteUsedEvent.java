package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** Someone joined through an invitation; {@code uses} counts the joins through it so far. Follows the {@code MemberJoinedEvent} of the join. */
@EventRevision("1")
public record InviteUsedEvent(ServerId serverId, String code, UserId userId, int uses) implements ServerEvent {
}

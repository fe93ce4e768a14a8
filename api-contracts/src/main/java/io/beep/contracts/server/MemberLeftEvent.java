package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import java.util.Set;

/** A member left; {@code roleIds} are the roles they held, so their assignments can be removed. */
@EventRevision("1")
public record MemberLeftEvent(ServerId serverId, UserId userId, Set<RoleId> roleIds) implements ServerEvent {
}

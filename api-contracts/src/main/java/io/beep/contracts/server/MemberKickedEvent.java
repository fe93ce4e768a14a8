package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import java.util.Set;

/** A member was removed by a moderator; {@code roleIds} are the roles they held. */
@EventRevision("1")
public record MemberKickedEvent(ServerId serverId, UserId userId, UserId kickedBy, Set<RoleId> roleIds) implements ServerEvent {
}

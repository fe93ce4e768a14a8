package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import java.util.Set;

/** A server was deleted with its members ({@code memberIds} at deletion) and roles. */
@EventRevision("1")
public record ServerDeletedEvent(ServerId serverId, UserId deletedBy, Set<UserId> memberIds, Set<RoleId> roleIds) implements ServerEvent {
}

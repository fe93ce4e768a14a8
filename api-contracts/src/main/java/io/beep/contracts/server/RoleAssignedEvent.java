package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;

/** A member was given a role. */
@EventRevision("1")
public record RoleAssignedEvent(ServerId serverId, RoleId roleId, UserId userId, UserId assignedBy) implements ServerEvent {
}

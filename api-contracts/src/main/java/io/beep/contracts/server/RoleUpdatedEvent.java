package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.Permission;
import java.util.Set;

/** A role's name and/or permissions changed; carries the whole new state (also for the everyone role). */
@EventRevision("1")
public record RoleUpdatedEvent(ServerId serverId, RoleId roleId, String name, Set<Permission> permissions, UserId updatedBy) implements ServerEvent {
}

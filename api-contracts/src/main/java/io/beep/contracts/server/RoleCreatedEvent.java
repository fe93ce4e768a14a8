package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.Permission;
import java.util.Set;

/** A role was created. */
@EventRevision("1")
public record RoleCreatedEvent(ServerId serverId, RoleId roleId, String name, Set<Permission> permissions, UserId createdBy) implements ServerEvent {
}

package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;

/** A role was deleted; every assignment and overwrite naming it goes with it. */
@EventRevision("1")
public record RoleDeletedEvent(ServerId serverId, RoleId roleId, UserId deletedBy) implements ServerEvent {
}

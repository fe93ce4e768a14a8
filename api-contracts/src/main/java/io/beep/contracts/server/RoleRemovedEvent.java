package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;

/** A role was taken from a member. */
@EventRevision("1")
public record RoleRemovedEvent(ServerId serverId, RoleId roleId, UserId userId, UserId removedBy) implements ServerEvent {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.Permission;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rename a role and/or replace its permissions; a null field stays as it is. */
public record UpdateRoleCommand(@TargetAggregateIdentifier ServerId serverId, RoleId roleId, String name, java.util.Set<Permission> permissions, UserId updatedBy) {
}

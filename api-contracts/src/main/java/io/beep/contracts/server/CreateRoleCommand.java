package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.Permission;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a role of a server. */
public record CreateRoleCommand(@TargetAggregateIdentifier ServerId serverId, RoleId roleId, String name, java.util.Set<Permission> permissions, UserId createdBy) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a member a role. */
public record AssignRoleCommand(@TargetAggregateIdentifier ServerId serverId, RoleId roleId, UserId userId, UserId assignedBy) {
}

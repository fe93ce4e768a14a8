package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a role; the everyone role cannot be deleted. */
public record DeleteRoleCommand(@TargetAggregateIdentifier ServerId serverId, RoleId roleId, UserId deletedBy) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a role from a member. */
public record RemoveRoleCommand(@TargetAggregateIdentifier ServerId serverId, RoleId roleId, UserId userId, UserId removedBy) {
}

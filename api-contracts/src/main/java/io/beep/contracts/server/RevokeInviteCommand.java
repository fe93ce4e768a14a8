package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an invitation; {@code mayManageInvites} says whether the caller holds MANAGE_INVITES, otherwise only its creator may. */
public record RevokeInviteCommand(@TargetAggregateIdentifier ServerId serverId, String code, UserId revokedBy, boolean mayManageInvites) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a ban. */
public record UnbanMemberCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId, UserId unbannedBy) {
}

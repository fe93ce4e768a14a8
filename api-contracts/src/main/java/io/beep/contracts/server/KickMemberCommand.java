package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a member; they may join again. */
public record KickMemberCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId, UserId kickedBy) {
}

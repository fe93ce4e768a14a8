package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ban a user (member or not): removes them and refuses every later join or invitation. */
public record BanMemberCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId, UserId bannedBy, String reason) {
}

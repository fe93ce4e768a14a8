package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user a personal invitation names declines it. */
public record DeclineInviteCommand(@TargetAggregateIdentifier ServerId serverId, String code, UserId userId) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Join a public server; refused for private servers, banned users and users already in 50 servers. */
public record JoinServerCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId) {
}

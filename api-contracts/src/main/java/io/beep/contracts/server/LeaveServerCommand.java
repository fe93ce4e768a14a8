package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Leave a server; the owner cannot leave. */
public record LeaveServerCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId) {
}

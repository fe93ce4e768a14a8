package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a server for everyone; only its owner (or a global moderator) may. */
public record DeleteServerCommand(@TargetAggregateIdentifier ServerId serverId, UserId deletedBy) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a server's settings; a null field stays as it is. */
public record UpdateServerCommand(@TargetAggregateIdentifier ServerId serverId, String name, String description, Visibility visibility, UserId updatedBy) {
}

package io.beep.contracts.server;

import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.common.ServerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a server whether a role or user may be the target of a channel overwrite: the role must be
 * one of its roles, the user one of its members. Answers whether the target is the everyone role;
 * changes nothing.
 */
public record CheckOverwriteTargetCommand(
        @TargetAggregateIdentifier ServerId serverId,
        OverwriteTargetType targetType,
        String targetId) {
}

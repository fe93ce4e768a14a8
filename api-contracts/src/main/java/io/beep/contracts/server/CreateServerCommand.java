package io.beep.contracts.server;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a server owned by {@code ownerId}. Ids are chosen by the caller so that a retry names the
 * same server, its everyone role and its default text channel.
 */
public record CreateServerCommand(
        @TargetAggregateIdentifier ServerId serverId,
        String name,
        String description,
        Visibility visibility,
        UserId ownerId,
        RoleId everyoneRoleId,
        ChannelId defaultChannelId) {
}

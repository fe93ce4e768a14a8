package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.UserId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set (replace) the overwrite of one role or member on a server channel. {@code everyoneRole} tells
 * whether the role target is the server's everyone role; the caller checked the target belongs to
 * the channel's server.
 */
public record SetChannelPermissionOverwriteCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        OverwriteTargetType targetType,
        String targetId,
        boolean everyoneRole,
        Set<Permission> allow,
        Set<Permission> deny,
        UserId setBy) {
}

package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.util.Set;

/**
 * The overwrite of one role or member on a server channel was set, replacing any previous one for
 * that target. {@code everyoneRole} is true when the role target is the server's everyone role.
 */
@EventRevision("1")
public record ChannelPermissionOverwriteSetEvent(
        ChannelId channelId,
        ServerId serverId,
        OverwriteTargetType targetType,
        String targetId,
        boolean everyoneRole,
        Set<Permission> allow,
        Set<Permission> deny,
        UserId setBy) implements ChannelEvent {
}

package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** The overwrite of one role or member was removed from a server channel. */
@EventRevision("1")
public record ChannelPermissionOverwriteRemovedEvent(
        ChannelId channelId,
        ServerId serverId,
        OverwriteTargetType targetType,
        String targetId,
        boolean everyoneRole,
        UserId removedBy) implements ChannelEvent {
}

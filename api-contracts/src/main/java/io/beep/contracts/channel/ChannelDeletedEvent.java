package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/**
 * A server channel was deleted. Its threads go with it; channels in a deleted category stay, outside
 * any category.
 */
@EventRevision("1")
public record ChannelDeletedEvent(ChannelId channelId, ServerId serverId, ChannelType type, UserId deletedBy)
        implements ChannelEvent {
}

package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/**
 * A server channel was given a place in its server's channel list: lists order by {@code position},
 * then by id. Until its first such event a channel sits after every channel created before it.
 */
@EventRevision("1")
public record ChannelPositionChangedEvent(ChannelId channelId, ServerId serverId, int position, UserId changedBy)
        implements ChannelEvent {
}

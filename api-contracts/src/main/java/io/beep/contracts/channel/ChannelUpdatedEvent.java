package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** A server channel's name or category changed; both fields hold the values after the change. */
@EventRevision("1")
public record ChannelUpdatedEvent(ChannelId channelId, ServerId serverId, String name, ChannelId parentId,
                                  UserId updatedBy) implements ChannelEvent {
}

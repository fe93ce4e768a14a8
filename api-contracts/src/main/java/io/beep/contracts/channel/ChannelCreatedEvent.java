package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A channel was created in a server. */
@EventRevision("1")
public record ChannelCreatedEvent(
        ChannelId channelId,
        ServerId serverId,
        String name,
        ChannelType type,
        ChannelId parentId,
        UserId createdBy,
        Instant createdAt) implements ChannelEvent {
}

package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a channel in a server. {@code parentId} names the category a channel sits in, or the
 * channel a thread belongs to; it is null otherwise.
 */
public record CreateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ServerId serverId,
        String name,
        ChannelType type,
        ChannelId parentId,
        UserId createdBy) {
}

package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove the overwrite of one role or member from a server channel. */
public record RemoveChannelPermissionOverwriteCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        String targetId,
        UserId removedBy) {
}

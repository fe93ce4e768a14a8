package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a server channel. */
public record DeleteChannelCommand(@TargetAggregateIdentifier ChannelId channelId, UserId deletedBy) {
}

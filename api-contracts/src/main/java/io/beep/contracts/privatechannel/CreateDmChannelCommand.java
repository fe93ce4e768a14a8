package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create the DM channel of two friends. Sent by the friendship saga; a repeat answers ALREADY_EXISTS. */
public record CreateDmChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        UserId userA,
        UserId userB) {
}

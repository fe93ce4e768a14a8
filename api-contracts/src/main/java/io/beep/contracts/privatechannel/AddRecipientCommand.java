package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The group's owner adds a user to the group channel. */
public record AddRecipientCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        UserId userId,
        UserId addedBy) {
}

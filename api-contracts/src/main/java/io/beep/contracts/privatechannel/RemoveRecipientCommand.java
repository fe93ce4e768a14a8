package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code userId} leaves the group channel ({@code removedBy} is the same user when leaving). */
public record RemoveRecipientCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        UserId userId,
        UserId removedBy) {
}

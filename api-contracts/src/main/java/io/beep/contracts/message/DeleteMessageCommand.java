package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a message. The author always may; anyone else only with MANAGE_MESSAGES in the channel,
 * which the caller checked and states in {@code mayManageMessages}.
 */
public record DeleteMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        UserId userId,
        boolean mayManageMessages) {
}

package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post a message. {@code serverId} is null in DM and group channels; {@code nonce} is the
 * client's optional de-duplication key; {@code replyTo} the message answered, if any.
 */
public record SendMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        UserId authorId,
        String content,
        String nonce,
        MessageId replyTo) {
}

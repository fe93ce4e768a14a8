package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pin a message (the caller checked the channel's {@code pin} permission). {@code systemMessageId}
 * is the id of the {@code message_pinned} notice to post; pinning a pinned message changes nothing.
 */
public record PinMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        UserId userId,
        MessageId systemMessageId) {
}

package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a message's content; only its author may. {@code channelId} is the channel named in the request. */
public record EditMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        UserId editorId,
        String content) {
}

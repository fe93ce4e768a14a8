package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start a thread on a message (the caller checked {@code send} on the message's channel and that the
 * channel is a server text channel). {@code threadId} is the new thread channel's id and
 * {@code systemMessageId} the id of the {@code thread_created} notice posted in the message's channel.
 * A message has at most one thread: a second start answers ALREADY_EXISTS.
 */
public record StartThreadCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        ChannelId threadId,
        MessageId systemMessageId,
        String name,
        UserId startedBy) {
}

package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post a system notice ({@code member_joined}, {@code thread_created}, {@code conference_created}) in a
 * channel; sent by the system-messages saga only. {@code messageId} is derived from the event the notice
 * is about, so a redelivered event answers ALREADY_EXISTS instead of posting twice. {@code authorId} is
 * who caused it; {@code replyTo} the message it refers to, if any; {@code content} may be empty.
 */
public record PostSystemMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        UserId authorId,
        MessageType type,
        String content,
        MessageId replyTo) {
}

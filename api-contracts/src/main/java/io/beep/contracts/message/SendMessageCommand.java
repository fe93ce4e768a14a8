package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Post a message. {@code serverId} is null in DM and group channels; {@code nonce} is the
 * client's optional de-duplication key; {@code replyTo} the message answered, if any;
 * {@code attachments} the files the caller checked and took for it (see
 * {@link io.beep.contracts.attachment.UseAttachmentCommand}), empty for none.
 */
public record SendMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        UserId authorId,
        String content,
        String nonce,
        MessageId replyTo,
        List<MessageAttachment> attachments) {

    public SendMessageCommand {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message without files. */
    public SendMessageCommand(MessageId messageId, ChannelId channelId, ServerId serverId, UserId authorId,
                              String content, String nonce, MessageId replyTo) {
        this(messageId, channelId, serverId, authorId, content, nonce, replyTo, List.of());
    }
}

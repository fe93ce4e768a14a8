package io.beep.contracts.attachment;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Attach an uploaded file to a new message: only its uploader, only in its channel, only once.
 * Answers the file's declaration as a {@link io.beep.contracts.message.MessageAttachment}.
 */
public record UseAttachmentCommand(
        @TargetAggregateIdentifier AttachmentId attachmentId,
        MessageId messageId,
        ChannelId channelId,
        UserId userId) {
}

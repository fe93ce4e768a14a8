package io.beep.contracts.attachment;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve an upload slot for a file the uploader declares ({@code size} in bytes, {@code contentType});
 * the caller checked ATTACH_FILES in the channel and the size and type limits.
 */
public record RequestAttachmentUploadCommand(
        @TargetAggregateIdentifier AttachmentId attachmentId,
        ChannelId channelId,
        ServerId serverId,
        UserId uploaderId,
        String filename,
        long size,
        String contentType) {
}

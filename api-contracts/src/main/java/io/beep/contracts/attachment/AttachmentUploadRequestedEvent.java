package io.beep.contracts.attachment;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A user was given a presigned upload for a declared file in a channel. */
@EventRevision("1")
public record AttachmentUploadRequestedEvent(
        AttachmentId attachmentId,
        ChannelId channelId,
        ServerId serverId,
        UserId uploaderId,
        String filename,
        long size,
        String contentType,
        Instant requestedAt) implements AttachmentEvent {
}

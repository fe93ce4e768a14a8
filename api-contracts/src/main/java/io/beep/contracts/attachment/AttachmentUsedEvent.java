package io.beep.contracts.attachment;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;

/** An uploaded file became part of a message; it cannot be attached again. */
@EventRevision("1")
public record AttachmentUsedEvent(
        AttachmentId attachmentId,
        MessageId messageId,
        ChannelId channelId) implements AttachmentEvent {
}

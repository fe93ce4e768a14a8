package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import java.util.List;

/** Files sent with a message; applied right after its {@link MessageSentEvent}. */
@EventRevision("1")
public record MessageAttachmentsAddedEvent(
        MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        List<MessageAttachment> attachments) implements MessageEvent {

    public MessageAttachmentsAddedEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}

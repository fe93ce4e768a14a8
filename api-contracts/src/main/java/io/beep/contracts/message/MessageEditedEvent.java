package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** The author replaced a message's content. */
@EventRevision("1")
public record MessageEditedEvent(
        MessageId messageId,
        ChannelId channelId,
        UserId editorId,
        String content,
        Instant editedAt) implements MessageEvent {
}

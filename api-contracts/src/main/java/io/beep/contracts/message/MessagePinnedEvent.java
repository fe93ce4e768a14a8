package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A message was pinned to its channel; {@code systemMessageId} is the {@code message_pinned} notice posted with it. */
@EventRevision("1")
public record MessagePinnedEvent(
        MessageId messageId,
        ChannelId channelId,
        UserId pinnedBy,
        MessageId systemMessageId,
        Instant pinnedAt) implements MessageEvent {
}

package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A message was posted in a channel. */
@EventRevision("1")
public record MessageSentEvent(
        MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        UserId authorId,
        String content,
        MessageType type,
        String nonce,
        MessageId replyTo,
        Instant sentAt) implements MessageEvent {
}

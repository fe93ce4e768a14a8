package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/**
 * A thread was started on a message: the thread channel {@code threadId} (created with it, its parent
 * being {@code channelId}) and the {@code thread_created} notice {@code systemMessageId} in the
 * message's channel were stored together with this event.
 */
@EventRevision("1")
public record MessageThreadStartedEvent(
        MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        ChannelId threadId,
        MessageId systemMessageId,
        String name,
        UserId startedBy,
        Instant startedAt) implements MessageEvent {
}

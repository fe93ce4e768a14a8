package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A message was deleted by its author or by someone with MANAGE_MESSAGES. */
@EventRevision("1")
public record MessageDeletedEvent(
        MessageId messageId,
        ChannelId channelId,
        UserId deletedBy,
        Instant deletedAt) implements MessageEvent {
}

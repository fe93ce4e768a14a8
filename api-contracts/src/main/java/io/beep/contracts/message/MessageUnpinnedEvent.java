package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A pinned message was unpinned. */
@EventRevision("1")
public record MessageUnpinnedEvent(
        MessageId messageId,
        ChannelId channelId,
        UserId unpinnedBy,
        Instant unpinnedAt) implements MessageEvent {
}

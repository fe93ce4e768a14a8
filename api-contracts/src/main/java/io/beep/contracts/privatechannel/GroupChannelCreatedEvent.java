package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import java.util.List;

/** A group channel exists; {@code recipientIds} are the members other than the owner. */
@EventRevision("1")
public record GroupChannelCreatedEvent(
        ChannelId channelId,
        UserId ownerId,
        String name,
        List<UserId> recipientIds,
        Instant createdAt) implements PrivateChannelEvent {
}

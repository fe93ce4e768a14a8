package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** The DM channel of {@code userA} and {@code userB} exists. */
@EventRevision("1")
public record DmChannelCreatedEvent(
        ChannelId channelId,
        UserId userA,
        UserId userB,
        Instant createdAt) implements PrivateChannelEvent {
}

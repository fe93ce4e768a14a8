package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;

/** {@code userId} is a recipient of the group channel now. */
@EventRevision("1")
public record RecipientAddedEvent(
        ChannelId channelId,
        UserId userId,
        UserId addedBy) implements PrivateChannelEvent {
}

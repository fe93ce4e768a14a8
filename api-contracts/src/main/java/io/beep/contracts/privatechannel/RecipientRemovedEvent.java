package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;

/**
 * {@code userId} is no longer in the group channel. When the owner left, {@code newOwnerId} is the
 * recipient who owns it now (null when nobody is left or ownership did not change).
 */
@EventRevision("1")
public record RecipientRemovedEvent(
        ChannelId channelId,
        UserId userId,
        UserId removedBy,
        UserId newOwnerId) implements PrivateChannelEvent {
}

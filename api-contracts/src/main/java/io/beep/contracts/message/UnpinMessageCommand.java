package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Unpin a message; unpinning one that is not pinned changes nothing. */
public record UnpinMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        UserId userId) {
}

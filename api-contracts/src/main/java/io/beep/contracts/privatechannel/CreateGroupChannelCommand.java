package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a group channel owned by {@code ownerId} with the given other recipients. */
public record CreateGroupChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        UserId ownerId,
        String name,
        List<UserId> recipientIds) {
}

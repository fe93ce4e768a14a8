package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Post a message as a webhook (the caller verified the webhook's token); shown as {@code displayName}. */
public record SendWebhookMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        ChannelId channelId,
        ServerId serverId,
        String webhookId,
        String displayName,
        String content) {
}

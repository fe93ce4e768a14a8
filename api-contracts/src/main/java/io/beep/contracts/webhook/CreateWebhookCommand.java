package io.beep.contracts.webhook;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a webhook in a channel (the caller checked MANAGE_WEBHOOKS). */
public record CreateWebhookCommand(
        @TargetAggregateIdentifier WebhookId webhookId,
        ChannelId channelId,
        ServerId serverId,
        String name,
        UserId createdBy) {
}

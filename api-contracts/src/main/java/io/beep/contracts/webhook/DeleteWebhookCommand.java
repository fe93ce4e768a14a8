package io.beep.contracts.webhook;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a webhook, revoking its token (the caller checked MANAGE_WEBHOOKS in its channel). */
public record DeleteWebhookCommand(
        @TargetAggregateIdentifier WebhookId webhookId,
        UserId deletedBy) {
}

package io.beep.contracts.webhook;

/** Every event of the webhook aggregate names its webhook. */
public interface WebhookEvent {
    WebhookId webhookId();
}

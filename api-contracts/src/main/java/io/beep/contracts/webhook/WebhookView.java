package io.beep.contracts.webhook;

/**
 * A webhook as its managers see it. {@code token} is present only in the create answer; {@code url}
 * is the path to post messages to.
 */
public record WebhookView(String id, String channelId, String name, String token, String url) {
}

package io.beep.command.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code beep.webhooks.*}: the HS256 secret webhook tokens are signed with (at least 32 bytes), how
 * long a token stays valid, and each webhook's message rate-limit bucket.
 */
@ConfigurationProperties("beep.webhooks")
public record WebhookProperties(String secret, Duration tokenTtl, int messagesLimit, long messagesWindowMs) {

    public WebhookProperties {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("beep.webhooks.secret must have at least 32 bytes");
        }
        tokenTtl = tokenTtl == null ? Duration.ofDays(365) : tokenTtl;
        messagesLimit = messagesLimit <= 0 ? 5 : messagesLimit;
        messagesWindowMs = messagesWindowMs <= 0 ? 2_000 : messagesWindowMs;
    }
}

package io.beep.command.platform.ratelimit;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code beep.ratelimit.*}: the Redis address, the command timeout, the message bucket (per user),
 * and the users no limit applies to (benchmark accounts, by token subject; empty in every real
 * deployment).
 */
@ConfigurationProperties("beep.ratelimit")
public record RateLimitProperties(
        String redisUrl,
        long timeoutMs,
        Bucket messages,
        Set<String> unlimitedUsers) {

    public RateLimitProperties {
        redisUrl = redisUrl == null || redisUrl.isBlank() ? "redis://127.0.0.1:6379" : redisUrl;
        timeoutMs = timeoutMs <= 0 ? 500 : timeoutMs;
        messages = messages == null ? new Bucket(10, 10_000) : messages;
        unlimitedUsers = unlimitedUsers == null ? Set.of() : Set.copyOf(unlimitedUsers);
    }

    /** At most {@code limit} actions per {@code windowMs} milliseconds. */
    public record Bucket(int limit, long windowMs) {
    }
}

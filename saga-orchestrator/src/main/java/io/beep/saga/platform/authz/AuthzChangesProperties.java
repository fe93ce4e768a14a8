package io.beep.saga.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Redis that carries relationship-change announcements, and how long a publish may take. */
@ConfigurationProperties("beep.authz-changes")
public record AuthzChangesProperties(String redisUrl, long timeoutMs) {

    public AuthzChangesProperties {
        redisUrl = redisUrl == null || redisUrl.isBlank() ? "redis://127.0.0.1:6379" : redisUrl;
        timeoutMs = timeoutMs <= 0 ? 2000 : timeoutMs;
    }
}

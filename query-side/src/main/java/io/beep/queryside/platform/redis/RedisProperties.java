package io.beep.queryside.platform.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code beep.redis.*}: where Redis is and how long a command may take. */
@ConfigurationProperties("beep.redis")
public record RedisProperties(String url, long timeoutMs) {

    public RedisProperties {
        url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
        timeoutMs = timeoutMs <= 0 ? 300 : timeoutMs;
    }
}

package io.beep.saga.searchcache;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Redis holding the query side's search cache: address and command timeout. */
@ConfigurationProperties("beep.redis")
public record SearchCacheRedisProperties(String url, long timeoutMs) {

    public SearchCacheRedisProperties {
        url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
        timeoutMs = timeoutMs <= 0 ? 2000 : timeoutMs;
    }
}

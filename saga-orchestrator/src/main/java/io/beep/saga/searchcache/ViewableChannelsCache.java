package io.beep.saga.searchcache;

import io.beep.contracts.message.ViewableChannelsCacheKeys;
import io.beep.saga.platform.redis.LazyRedis;
import io.lettuce.core.SetArgs;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Moves a server's search-cache generation on (see {@link ViewableChannelsCacheKeys}). */
@Component
class ViewableChannelsCache {

    /** Outlives every entry (60 s) by far; refreshed on each invalidation. */
    static final Duration KEEP = Duration.ofDays(1);

    private final LazyRedis redis;

    ViewableChannelsCache(SearchCacheRedisProperties properties) {
        this.redis = new LazyRedis(properties.url(), properties.timeoutMs());
    }

    /** Stores the ZedToken first (when known), then increments the generation. */
    void invalidate(String serverId, String zedToken) {
        var redis = this.redis.sync();
        if (zedToken != null && !zedToken.isEmpty()) {
            redis.set(ViewableChannelsCacheKeys.zedToken(serverId), zedToken, SetArgs.Builder.ex(KEEP));
        }
        var generation = ViewableChannelsCacheKeys.generation(serverId);
        redis.incr(generation);
        redis.expire(generation, KEEP);
    }

    @PreDestroy
    void close() {
        redis.close();
    }
}

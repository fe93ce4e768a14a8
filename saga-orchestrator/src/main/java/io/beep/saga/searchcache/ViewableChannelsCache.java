package io.beep.saga.searchcache;

import io.beep.contracts.message.ViewableChannelsCacheKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Moves a server's search-cache generation on (see {@link ViewableChannelsCacheKeys}). */
@Component
class ViewableChannelsCache {

    /** Outlives every entry (60 s) by far; refreshed on each invalidation. */
    static final Duration KEEP = Duration.ofDays(1);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    ViewableChannelsCache(SearchCacheRedisProperties properties) {
        var uri = RedisURI.create(properties.url());
        uri.setTimeout(Duration.ofMillis(properties.timeoutMs()));
        this.client = RedisClient.create(uri);
    }

    /** Stores the ZedToken first (when known), then increments the generation. */
    void invalidate(String serverId, String zedToken) {
        var redis = connection().sync();
        if (zedToken != null && !zedToken.isEmpty()) {
            redis.set(ViewableChannelsCacheKeys.zedToken(serverId), zedToken, SetArgs.Builder.ex(KEEP));
        }
        var generation = ViewableChannelsCacheKeys.generation(serverId);
        redis.incr(generation);
        redis.expire(generation, KEEP);
    }

    private StatefulRedisConnection<String, String> connection() {
        var current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    current = client.connect();
                    connection = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        var current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
    }
}

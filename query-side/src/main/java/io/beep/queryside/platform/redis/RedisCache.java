package io.beep.queryside.platform.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * String values with a time to live in Redis. A cache only: when Redis cannot answer, a read is a
 * miss and a write is skipped, so callers recompute from the source (and stay correct).
 */
@Component
public class RedisCache {

    private static final Logger log = LoggerFactory.getLogger(RedisCache.class);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisCache(RedisProperties properties) {
        var uri = RedisURI.create(properties.url());
        uri.setTimeout(Duration.ofMillis(properties.timeoutMs()));
        this.client = RedisClient.create(uri);
    }

    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(connection().sync().get(key));
        } catch (RedisException e) {
            log.warn("redis unavailable, cache miss: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** The values of several keys in one round trip, in order (null when absent or Redis cannot answer). */
    public List<String> getAll(String... keys) {
        var values = new ArrayList<String>(keys.length);
        try {
            for (var value : connection().sync().mget(keys)) {
                values.add(value.hasValue() ? value.getValue() : null);
            }
            return values;
        } catch (RedisException e) {
            log.warn("redis unavailable, cache miss: {}", e.getMessage());
            values.clear();
            for (int i = 0; i < keys.length; i++) {
                values.add(null);
            }
            return values;
        }
    }

    public void put(String key, String value, Duration ttl) {
        try {
            connection().sync().set(key, value, SetArgs.Builder.px(ttl.toMillis()));
        } catch (RedisException e) {
            log.warn("redis unavailable, not cached: {}", e.getMessage());
        }
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

package io.beep.saga.platform.authz;

import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Announces each relationship write on {@link AuthzChanges#CHANNEL}, so command and query side drop
 * the permission decisions they keep. A write that cannot be announced fails like the write itself
 * ({@link SpiceDbClient.AuthzUnavailableException}): the saga step is retried, and the write, being
 * idempotent, is simply made and announced again.
 */
@Component
public class RelationshipChanges {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RelationshipChanges(AuthzChangesProperties properties) {
        var uri = RedisURI.create(properties.redisUrl());
        uri.setTimeout(Duration.ofMillis(properties.timeoutMs()));
        this.client = RedisClient.create(uri);
    }

    /** Publishes the ZedToken of a write that was just made. */
    void announce(String zedToken) {
        try {
            connection().sync().publish(AuthzChanges.CHANNEL, zedToken);
        } catch (RuntimeException e) {
            throw new SpiceDbClient.AuthzUnavailableException(
                    "relationship change made but not announced (Redis): " + e.getMessage());
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

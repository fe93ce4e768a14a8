package io.beep.command.platform.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;

/**
 * One Redis connection opened on first use (so a service starts while Redis is down) and shared by
 * its callers; Lettuce reconnects it by itself afterwards. Close it when the owner stops.
 */
public final class LazyRedis implements AutoCloseable {

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public LazyRedis(String url, long timeoutMs) {
        var uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofMillis(timeoutMs));
        this.client = RedisClient.create(uri);
    }

    /** Synchronous commands on the shared connection, opening it if needed. */
    public RedisCommands<String, String> sync() {
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
        return current.sync();
    }

    @Override
    public void close() {
        var current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
    }
}

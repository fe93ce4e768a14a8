package io.beep.gateway.security;

import io.beep.contracts.account.RevokedUsersKeys;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The users whose access tokens are refused although unexpired (disabled or deleted accounts): a
 * local copy of the Redis set {@link RevokedUsersKeys#SET}, re-read every refresh interval, so a
 * request costs one hash lookup and no Redis call. When Redis cannot answer the last copy stays in
 * force (a user disabled meanwhile is refused once Redis answers again).
 */
@Component
public class RevokedUsers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevokedUsers.class);

    private final RevocationProperties properties;
    private final RedisClient client;
    private final Clock clock = Clock.systemUTC();
    private volatile Set<String> revoked = Set.of();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile ScheduledExecutorService scheduler;

    public RevokedUsers(RevocationProperties properties) {
        this.properties = properties;
        var uri = RedisURI.create(properties.redisUrl());
        uri.setTimeout(Duration.ofSeconds(1));
        this.client = RedisClient.create(uri);
    }

    /** Whether tokens of this user (the token subject) are refused. */
    public boolean isRevoked(String userId) {
        return userId != null && revoked.contains(userId);
    }

    void refresh() {
        try {
            var oldest = clock.instant().minus(RevokedUsersKeys.WINDOW).toEpochMilli();
            var members = connection().sync().zrangebyscore(RevokedUsersKeys.SET,
                    Range.create((double) oldest, Double.POSITIVE_INFINITY));
            revoked = members.isEmpty() ? Set.of() : Set.copyOf(new HashSet<>(members));
        } catch (RuntimeException e) {
            log.warn("revoked users not refreshed (last copy kept): {}", e.getMessage());
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

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        var executor = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "revoked-users");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, properties.refreshInterval().toMillis());
        executor.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        var executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        var current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}

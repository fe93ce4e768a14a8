package io.beep.saga.platform.authz;

import io.beep.contracts.common.AuthzChanges;
import io.beep.saga.platform.redis.LazyRedis;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces each relationship write on {@link AuthzChanges#CHANNEL}, so command and query side drop
 * the permission decisions they keep. A write that cannot be announced fails like the write itself
 * ({@link SpiceDbClient.AuthzUnavailableException}): the saga step is retried, and the write, being
 * idempotent, is simply made and announced again. A heartbeat every
 * {@link AuthzChanges#HEARTBEAT_INTERVAL_MS} lets subscribers tell a quiet channel from a dead one.
 */
@Component
public class RelationshipChanges {

    private static final Logger log = LoggerFactory.getLogger(RelationshipChanges.class);
    private final LazyRedis redis;
    private final ScheduledExecutorService heartbeat;

    public RelationshipChanges(AuthzChangesProperties properties) {
        this.redis = new LazyRedis(properties.redisUrl(), properties.timeoutMs());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "authz-changes-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, 0, AuthzChanges.HEARTBEAT_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            redis.sync().publish(AuthzChanges.CHANNEL, AuthzChanges.HEARTBEAT);
        } catch (RuntimeException e) {
            log.debug("heartbeat on {} not sent: {}", AuthzChanges.CHANNEL, e.getMessage());
        }
    }

    /** Publishes the ZedToken of a write that was just made (any text but the heartbeat is a change). */
    void announce(String zedToken) {
        try {
            redis.sync().publish(AuthzChanges.CHANNEL, zedToken);
        } catch (RuntimeException e) {
            throw new SpiceDbClient.AuthzUnavailableException(
                    "relationship change made but not announced (Redis): " + e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        heartbeat.shutdownNow();
        redis.close();
    }
}

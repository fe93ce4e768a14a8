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
 * Announces each relationship write that may take a permission away on {@link AuthzChanges#CHANNEL},
 * so command and query side drop the permission decisions they keep (all of them, or only the named
 * users', {@link ChangeScope}). A write that cannot be announced fails like the write itself
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

    /**
     * Announces a write that was just made to those whose permissions it may shrink: nothing for a
     * write that can only grant, the users' ids, or (for everybody) the write's ZedToken.
     */
    void announce(ChangeScope scope, String zedToken) {
        if (scope.none()) {
            return;
        }
        var message = scope.everybody() ? zedToken : AuthzChanges.users(scope.sortedUsers(), zedToken);
        try {
            redis.sync().publish(AuthzChanges.CHANNEL, message);
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

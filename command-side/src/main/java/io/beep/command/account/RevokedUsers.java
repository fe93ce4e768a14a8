package io.beep.command.account;

import io.beep.command.platform.ratelimit.RateLimitProperties;
import io.beep.command.platform.redis.LazyRedis;
import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.account.RevokedUsersKeys;
import io.beep.contracts.account.UserDisabledEvent;
import io.beep.contracts.account.UserEnabledEvent;
import io.lettuce.core.Range;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Processor {@code revoked-users}: keeps the Redis set of users whose unexpired access tokens the
 * gateway refuses ({@link RevokedUsersKeys}): a disabled or deleted account is added (scored by the
 * time of the change), an enabled one removed; entries older than the window are pruned on each
 * write, and events older than the window (a replay) add nothing. A Redis failure fails the event,
 * which the processor retries.
 */
@Component
@ProcessingGroup(RevokedUsers.PROCESSOR)
class RevokedUsers {

    static final String PROCESSOR = "revoked-users";

    private final LazyRedis redis;
    private final Clock clock;

    RevokedUsers(RateLimitProperties properties) {
        this.redis = new LazyRedis(properties.redisUrl(), 2000);
        this.clock = Clock.systemUTC();
    }

    @EventHandler
    void on(UserDisabledEvent event) {
        revoke(event.userId().value(), event.disabledAt());
    }

    @EventHandler
    void on(AccountDeletedEvent event) {
        revoke(event.userId().value(), event.deletedAt());
    }

    @EventHandler
    void on(UserEnabledEvent event) {
        redis.sync().zrem(RevokedUsersKeys.SET, event.userId().value());
    }

    private void revoke(String user, Instant at) {
        var oldest = clock.instant().minus(RevokedUsersKeys.WINDOW).toEpochMilli();
        var commands = redis.sync();
        if (at != null && at.toEpochMilli() >= oldest) {
            commands.zadd(RevokedUsersKeys.SET, at.toEpochMilli(), user);
        }
        commands.zremrangebyscore(RevokedUsersKeys.SET, Range.create(Double.NEGATIVE_INFINITY, (double) oldest - 1));
    }


    @PreDestroy
    void close() {
        redis.close();
    }
}

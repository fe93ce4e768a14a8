package io.beep.command.platform.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code beep.idempotency.*}: how long a used idempotency key is remembered ({@code retention}, both
 * {@code request_idempotency} and {@code message_idempotency}; at least 10 minutes), how often the
 * purge runs ({@code purge-interval}) and how many rows one purge statement deletes at most
 * ({@code purge-batch}).
 */
@ConfigurationProperties("beep.idempotency")
public record IdempotencyProperties(Duration retention, Duration purgeInterval, int purgeBatch) {

    static final Duration SHORTEST_RETENTION = Duration.ofMinutes(10);

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofHours(24) : retention;
        if (retention.compareTo(SHORTEST_RETENTION) < 0) {
            throw new IllegalArgumentException("beep.idempotency.retention must be at least " + SHORTEST_RETENTION);
        }
        purgeInterval = purgeInterval == null || purgeInterval.isNegative() || purgeInterval.isZero()
                ? Duration.ofMinutes(10) : purgeInterval;
        purgeBatch = purgeBatch <= 0 ? 5_000 : purgeBatch;
    }
}

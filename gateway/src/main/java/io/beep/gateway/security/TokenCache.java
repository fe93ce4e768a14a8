package io.beep.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Remembers what a successful token check produced, keyed by the token, for a short time that
 * never outlives the token's own expiry. Concurrent checks of the same token share one load;
 * failures are not remembered.
 *
 * @param <V> the check's result
 */
final class TokenCache<V> {

    private final AsyncCache<String, V> cache;

    TokenCache(Duration ttl, long maxSize, Function<V, Instant> expiresAt) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new BoundedByExpiry<>(ttl, expiresAt))
                .buildAsync();
    }

    Mono<V> get(String token, Function<String, Mono<V>> check) {
        return Mono.fromFuture(() -> cache.get(token, (key, executor) -> check.apply(key).toFuture()), true);
    }

    /** Entry lifetime: the TTL, cut short by the token's expiry. */
    private record BoundedByExpiry<V>(Duration ttl, Function<V, Instant> expiresAt) implements Expiry<String, V> {

        @Override
        public long expireAfterCreate(String key, V value, long currentTime) {
            var lifetime = ttl;
            var expiry = expiresAt.apply(value);
            if (expiry != null) {
                var untilExpiry = Duration.between(Instant.now(), expiry);
                if (untilExpiry.compareTo(lifetime) < 0) {
                    lifetime = untilExpiry.isNegative() ? Duration.ZERO : untilExpiry;
                }
            }
            return lifetime.toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, V value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, V value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

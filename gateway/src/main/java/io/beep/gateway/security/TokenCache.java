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
 * never outlives the token's own expiry. Concurrent checks of the same token share one check;
 * a failed check is handed to those waiting for it and then forgotten.
 *
 * @param <V> the check's result
 */
final class TokenCache<V> {

    private final AsyncCache<String, Outcome<V>> cache;

    TokenCache(Duration ttl, long maxSize, Function<V, Instant> expiresAt) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new BoundedByExpiry<>(ttl, expiresAt))
                .buildAsync();
    }

    Mono<V> get(String token, Function<String, Mono<V>> check) {
        return Mono.fromFuture(() -> cache.get(token, (key, executor) -> check.apply(key)
                        .map(Outcome::success)
                        .onErrorResume(failure -> Mono.just(Outcome.failure(failure)))
                        .toFuture()), true)
                .flatMap(outcome -> outcome.failure() == null ? Mono.just(outcome.value()) : Mono.error(outcome.failure()));
    }

    /** A check's result or its failure (failures are values so the cache neither logs nor keeps them). */
    private record Outcome<V>(V value, Throwable failure) {

        static <V> Outcome<V> success(V value) {
            return new Outcome<>(value, null);
        }

        static <V> Outcome<V> failure(Throwable failure) {
            return new Outcome<>(null, failure);
        }
    }

    /** Entry lifetime: the TTL, cut short by the token's expiry; zero for failures. */
    private record BoundedByExpiry<V>(Duration ttl, Function<V, Instant> expiresAt)
            implements Expiry<String, Outcome<V>> {

        @Override
        public long expireAfterCreate(String key, Outcome<V> outcome, long currentTime) {
            if (outcome.failure() != null) {
                return 0;
            }
            var lifetime = ttl;
            var expiry = expiresAt.apply(outcome.value());
            if (expiry != null) {
                var untilExpiry = Duration.between(Instant.now(), expiry);
                if (untilExpiry.compareTo(lifetime) < 0) {
                    lifetime = untilExpiry.isNegative() ? Duration.ZERO : untilExpiry;
                }
            }
            return lifetime.toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Outcome<V> outcome, long currentTime, long currentDuration) {
            return expireAfterCreate(key, outcome, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Outcome<V> outcome, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

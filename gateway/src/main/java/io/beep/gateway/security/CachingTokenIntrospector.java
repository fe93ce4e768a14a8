package io.beep.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import reactor.core.publisher.Mono;

/**
 * Remembers positive introspection answers for a short time (never past the token's {@code exp}),
 * and lets concurrent requests with the same token share one introspection call. Negative answers
 * and failures are not cached.
 */
final class CachingTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

    private final ReactiveOpaqueTokenIntrospector delegate;
    private final AsyncCache<String, OAuth2AuthenticatedPrincipal> cache;

    CachingTokenIntrospector(ReactiveOpaqueTokenIntrospector delegate, Duration ttl, long maxSize) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(new BoundedByTokenExpiry(ttl))
                .buildAsync();
    }

    @Override
    public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
        return Mono.fromFuture(() -> cache.get(token, (key, executor) -> delegate.introspect(key).toFuture()), true);
    }

    /** Entry lifetime: the configured TTL, cut short by the token's own expiry. */
    private record BoundedByTokenExpiry(Duration ttl) implements Expiry<String, OAuth2AuthenticatedPrincipal> {

        @Override
        public long expireAfterCreate(String key, OAuth2AuthenticatedPrincipal principal, long currentTime) {
            var lifetime = ttl;
            if (principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP) instanceof Instant expiresAt) {
                var untilExpiry = Duration.between(Instant.now(), expiresAt);
                if (untilExpiry.compareTo(lifetime) < 0) {
                    lifetime = untilExpiry.isNegative() ? Duration.ZERO : untilExpiry;
                }
            }
            return lifetime.toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, OAuth2AuthenticatedPrincipal principal, long currentTime,
                long currentDuration) {
            return expireAfterCreate(key, principal, currentTime);
        }

        @Override
        public long expireAfterRead(String key, OAuth2AuthenticatedPrincipal principal, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}

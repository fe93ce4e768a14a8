package io.beep.gateway.security;

import java.time.Duration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Reuses the result of a successful signature and claim check for the same token until shortly
 * before it expires: clients send the same access token on every call, and the RSA check is the
 * gateway's largest per-request cost. Invalid tokens are checked again each time.
 */
final class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final TokenCache<Jwt> cache;

    CachingJwtDecoder(ReactiveJwtDecoder delegate, Duration ttl, long maxSize) {
        this.delegate = delegate;
        this.cache = new TokenCache<>(ttl, maxSize, Jwt::getExpiresAt);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return cache.get(token, delegate::decode);
    }
}

package io.beep.command.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Reuses a successful signature and claim check of the same access token for a short time that
 * never outlives the token: clients send the same token on every call, and the RSA verification and
 * Base64/JSON decoding were the largest CPU cost of a send (profiled). Failed checks are not kept.
 * The gateway does the same; disabled users are refused there.
 */
final class CachingJwtDecoder implements JwtDecoder {

    private static final int MAX_ENTRIES = 10_000;

    private final JwtDecoder delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    CachingJwtDecoder(JwtDecoder delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Keycloak's JWKS with issuer validation, as Spring Boot would configure it, behind the cache. */
    static JwtDecoder of(OAuth2ResourceServerProperties properties) {
        var jwt = properties.getJwt();
        var nimbus = NimbusJwtDecoder.withJwkSetUri(jwt.getJwkSetUri()).build();
        nimbus.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.getIssuerUri()));
        return new CachingJwtDecoder(nimbus, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        var now = clock.instant();
        var cached = verified.get(token);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.jwt();
        }
        var jwt = delegate.decode(token);
        var until = now.plus(ttl);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, new Entry(jwt, until));
        return jwt;
    }

    private record Entry(Jwt jwt, Instant until) {
    }
}

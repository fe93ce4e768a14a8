package io.beep.gateway.security;

import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import reactor.core.publisher.Mono;

/**
 * Remembers positive introspection answers briefly (never past the token's {@code exp}), so most
 * requests skip the round trip to Keycloak. Inactive tokens and failures are asked again.
 */
final class CachingTokenIntrospector implements ReactiveOpaqueTokenIntrospector {

    private final ReactiveOpaqueTokenIntrospector delegate;
    private final TokenCache<OAuth2AuthenticatedPrincipal> cache;

    CachingTokenIntrospector(ReactiveOpaqueTokenIntrospector delegate, Duration ttl, long maxSize) {
        this.delegate = delegate;
        this.cache = new TokenCache<>(ttl, maxSize, principal ->
                principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP) instanceof Instant exp ? exp : null);
    }

    @Override
    public Mono<OAuth2AuthenticatedPrincipal> introspect(String token) {
        return cache.get(token, delegate::introspect);
    }
}

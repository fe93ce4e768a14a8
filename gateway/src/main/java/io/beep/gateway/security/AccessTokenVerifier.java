package io.beep.gateway.security;

import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import reactor.core.publisher.Mono;

/**
 * Checks a bearer token outside an HTTP request (the WebSocket {@code IDENTIFY} and {@code RESUME}
 * frames) with exactly the decoder or introspector, and caches, that the filter chain uses.
 */
public final class AccessTokenVerifier {

    private final ReactiveJwtDecoder jwtDecoder;
    private final ReactiveOpaqueTokenIntrospector introspector;

    private AccessTokenVerifier(ReactiveJwtDecoder jwtDecoder, ReactiveOpaqueTokenIntrospector introspector) {
        this.jwtDecoder = jwtDecoder;
        this.introspector = introspector;
    }

    static AccessTokenVerifier jwt(ReactiveJwtDecoder decoder) {
        return new AccessTokenVerifier(decoder, null);
    }

    static AccessTokenVerifier introspection(ReactiveOpaqueTokenIntrospector introspector) {
        return new AccessTokenVerifier(null, introspector);
    }

    ReactiveJwtDecoder jwtDecoder() {
        return jwtDecoder;
    }

    ReactiveOpaqueTokenIntrospector introspector() {
        return introspector;
    }

    /** The token's user, or an error when the token is not valid (or the issuer unreachable). */
    public Mono<VerifiedUser> verify(String token) {
        if (jwtDecoder != null) {
            return jwtDecoder.decode(token).map(AccessTokenVerifier::fromJwt);
        }
        return introspector.introspect(token).map(AccessTokenVerifier::fromPrincipal);
    }

    private static VerifiedUser fromJwt(Jwt jwt) {
        var username = jwt.getClaimAsString("preferred_username");
        return new VerifiedUser(jwt.getSubject(), username == null ? jwt.getSubject() : username, jwt.getExpiresAt());
    }

    private static VerifiedUser fromPrincipal(OAuth2AuthenticatedPrincipal principal) {
        Object subject = principal.getAttribute("sub");
        Object username = principal.getAttribute("username");
        Object preferred = principal.getAttribute("preferred_username");
        var id = subject == null ? principal.getName() : subject.toString();
        var name = preferred != null ? preferred.toString() : username != null ? username.toString() : id;
        return new VerifiedUser(id, name, principal.getAttribute("exp") instanceof Instant exp ? exp : null);
    }
}

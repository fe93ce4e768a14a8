package io.beep.gateway.security;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Refuses a verified (possibly cached) JWT whose subject is a disabled or deleted user: 401
 * {@code UNAUTHENTICATED} with the detail {@link #REVOKED}. Runs after the verification cache, so a
 * token verified before the disabling is refused too.
 */
final class RevokedUserCheck implements ReactiveJwtDecoder {

    static final String REVOKED = "The account of this access token is disabled or deleted";

    private final ReactiveJwtDecoder delegate;
    private final RevokedUsers revoked;

    RevokedUserCheck(ReactiveJwtDecoder delegate, RevokedUsers revoked) {
        this.delegate = delegate;
        this.revoked = revoked;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        return delegate.decode(token).flatMap(jwt -> revoked.isRevoked(jwt.getSubject())
                ? Mono.error(new JwtValidationException(REVOKED,
                        List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, REVOKED, null))))
                : Mono.just(jwt));
    }
}

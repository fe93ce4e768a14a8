package io.beep.gateway.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Claim checks on a JWT whose signature is already verified. Each failure carries a description
 * fit for the client (it never repeats token contents); the problem handler shows it as detail.
 */
final class AccessTokenValidators {

    static final String EXPIRED = "The access token has expired";
    static final String NOT_YET_VALID = "The access token is not valid yet";
    static final String NO_EXPIRY = "The access token has no expiry";
    static final String WRONG_ISSUER = "The access token was not issued by the trusted issuer";
    static final String NOT_ACCESS_TOKEN = "The token is not an access token";

    private AccessTokenValidators() {
    }

    static OAuth2TokenValidator<Jwt> forIssuer(String issuer, Duration clockSkew, Clock clock) {
        return new DelegatingOAuth2TokenValidator<>(
                timestamps(clockSkew, clock),
                jwt -> issuer.equals(jwt.getClaimAsString("iss")) ? ok() : fail(WRONG_ISSUER),
                jwt -> {
                    var type = jwt.getClaimAsString("typ");
                    return type == null || "Bearer".equalsIgnoreCase(type) ? ok() : fail(NOT_ACCESS_TOKEN);
                });
    }

    private static OAuth2TokenValidator<Jwt> timestamps(Duration clockSkew, Clock clock) {
        return jwt -> {
            var now = clock.instant();
            var expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return fail(NO_EXPIRY);
            }
            if (now.minus(clockSkew).isAfter(expiresAt)) {
                return fail(EXPIRED);
            }
            var notBefore = jwt.getNotBefore();
            if (notBefore != null && now.plus(clockSkew).isBefore(notBefore)) {
                return fail(NOT_YET_VALID);
            }
            return ok();
        };
    }

    private static OAuth2TokenValidatorResult ok() {
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult fail(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}

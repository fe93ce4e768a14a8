package io.beep.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import java.text.ParseException;
import java.util.Locale;
import java.util.Objects;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/** Explains an authentication failure in one client-facing sentence, never echoing the token. */
public final class TokenFailures {

    public static final String MISSING = "No bearer token was provided";
    public static final String MALFORMED = "The bearer token is malformed";
    public static final String BAD_SIGNATURE = "The bearer token signature is invalid or made with an unknown key";
    public static final String INACTIVE = "The bearer token is not active (expired, revoked or unknown)";
    public static final String INVALID = "The bearer token is invalid";

    private TokenFailures() {
    }

    /** Whether the client sent no token at all (then {@code WWW-Authenticate} carries no error). */
    public static boolean isMissingToken(AuthenticationException failure) {
        return failure instanceof AuthenticationCredentialsNotFoundException;
    }

    public static String describe(AuthenticationException failure) {
        if (isMissingToken(failure)) {
            return MISSING;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream().map(OAuth2Error::getDescription)
                        .filter(Objects::nonNull).findFirst().orElse(INVALID);
            }
            if (cause instanceof ParseException) {
                return MALFORMED;
            }
            if (cause instanceof BadJOSEException || cause instanceof JOSEException) {
                return BAD_SIGNATURE;
            }
            if (cause instanceof BadOpaqueTokenException) {
                return INACTIVE;
            }
        }
        if (failure instanceof OAuth2AuthenticationException oauth
                && oauth.getError().getDescription() != null
                && oauth.getError().getDescription().toLowerCase(Locale.ROOT).contains("malformed")) {
            return MALFORMED;
        }
        return INVALID;
    }
}

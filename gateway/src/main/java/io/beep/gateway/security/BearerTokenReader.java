package io.beep.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 token characters), only on the routes where
 * tokens are checked, so that public routes pass any {@code Authorization} (webhook tokens)
 * through untouched. Same rules as Spring Security's converter, without a regular expression over
 * a long token on every request. Other schemes count as no token.
 */
final class BearerTokenReader implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    private final ServerWebExchangeMatcher checkedRoutes;

    BearerTokenReader(ServerWebExchangeMatcher checkedRoutes) {
        this.checkedRoutes = checkedRoutes;
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return checkedRoutes.matches(exchange)
                .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
                .flatMap(match -> read(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)));
    }

    static Mono<Authentication> read(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return Mono.empty();
        }
        if (!isToken(authorization, SCHEME.length()) || authorization.charAt(SCHEME.length() - 1) != ' ') {
            return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(authorization.substring(SCHEME.length())));
    }

    /** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} from {@code start}. */
    private static boolean isToken(String value, int start) {
        if (value.length() <= start) {
            return false;
        }
        int i = start;
        while (i < value.length() && isTokenChar(value.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < value.length() && value.charAt(i) == '=') {
            i++;
        }
        return i == value.length();
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}

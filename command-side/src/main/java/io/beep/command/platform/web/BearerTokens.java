package io.beep.command.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * The bearer token of the {@code Authorization} header, read by the rules of Spring Security's
 * {@code DefaultBearerTokenResolver} ({@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, scheme in any
 * case; a header starting with "bearer" that does not match is an invalid token) without its
 * regular expression, which cost more than the rest of token handling on every request. Tokens
 * in query or form parameters are not accepted (as before).
 */
final class BearerTokens {

    private static final int PREFIX = "Bearer ".length();

    private BearerTokens() {
    }

    static String resolve(HttpServletRequest request) {
        return fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    static String fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, PREFIX - 1)) {
            return null;
        }
        int end = header.length();
        while (end > PREFIX && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end <= PREFIX || header.charAt(PREFIX - 1) != ' ') {
            throw malformed();
        }
        for (int i = PREFIX; i < end; i++) {
            if (!isTokenChar(header.charAt(i))) {
                throw malformed();
            }
        }
        return header.substring(PREFIX);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static OAuth2AuthenticationException malformed() {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
    }
}

package io.beep.gateway.security;

import io.beep.gateway.GatewayProperties.AuthMode;
import io.beep.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity.CsrfSpec;
import org.springframework.security.config.web.server.ServerHttpSecurity.FormLoginSpec;
import org.springframework.security.config.web.server.ServerHttpSecurity.HttpBasicSpec;
import org.springframework.security.config.web.server.ServerHttpSecurity.LogoutSpec;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.ReactiveOpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringReactiveOpaqueTokenIntrospector;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The security filter chain. Stateless (no session, no request cache, no CSRF). Authentication and
 * access failures are re-raised as errors so that the single problem handler answers them.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** {@code /api/v1} routes reachable without a token. */
    static final ServerWebExchangeMatcher PUBLIC_API = new OrServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                    "/api/v1/auth/register", "/api/v1/webhooks/*/messages"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/v1/auth/email-change/confirm"),
            ServerWebExchangeMatchers.pathMatchers("/api/v1/gateway"));

    /** Routes that need a valid bearer token: all of {@code /api/v1} except the public ones. */
    static final ServerWebExchangeMatcher PROTECTED_API = new AndServerWebExchangeMatcher(
            ServerWebExchangeMatchers.pathMatchers("/api/v1/**"),
            new NegatedServerWebExchangeMatcher(PUBLIC_API));

    private static final String[] PUBLIC_PATHS = {
        "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/gateway-api-docs/**",
        "/swagger-ui.html", "/swagger-ui/**", "/webjars/**"
    };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties,
            AccessTokenVerifier tokens) {
        ServerAuthenticationEntryPoint raise = (exchange, failure) -> Mono.error(failure);
        ServerAccessDeniedHandler deny = (exchange, denied) -> Mono.error(denied);
        var auth = properties.auth();
        http.csrf(CsrfSpec::disable)
                .httpBasic(HttpBasicSpec::disable)
                .formLogin(FormLoginSpec::disable)
                .logout(LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers.cache(cache -> cache.disable()))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(PUBLIC_API).permitAll()
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        .pathMatchers("/api/v1/**").authenticated()
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(raise).accessDeniedHandler(deny))
                .oauth2ResourceServer(server -> {
                    server.authenticationEntryPoint(raise)
                            .accessDeniedHandler(deny)
                            .bearerTokenConverter(new BearerTokenReader(PROTECTED_API));
                    if (auth.mode() == AuthMode.INTROSPECTION) {
                        server.opaqueToken(opaque -> opaque.introspector(tokens.introspector()));
                    } else {
                        server.jwt(jwt -> jwt.jwtDecoder(tokens.jwtDecoder()));
                    }
                });
        return http.build();
    }

    /**
     * The configured token check, shared by the filter chain and the WebSocket gateway (one cache).
     * JWTs of disabled or deleted users are refused before they expire ({@link RevokedUserCheck});
     * introspection asks Keycloak, which already answers inactive for them.
     */
    @Bean
    AccessTokenVerifier accessTokenVerifier(GatewayProperties properties, RevokedUsers revoked) {
        var auth = properties.auth();
        return auth.mode() == AuthMode.INTROSPECTION
                ? AccessTokenVerifier.introspection(introspector(auth))
                : AccessTokenVerifier.jwt(new RevokedUserCheck(jwtDecoder(auth), revoked));
    }

    /**
     * No observations (traces, timers) around each security filter and decision: they cost more
     * than the checks themselves. Request metrics ({@code http.server.requests}) remain.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Requests the firewall rejects (encoded slashes, dot segments...) answer 400 problem+json. */
    @Bean
    ServerExchangeRejectedHandler serverExchangeRejectedHandler() {
        return (exchange, rejected) -> Mono.error(
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request path or headers are not allowed"));
    }

    /**
     * Paths must be percent-encoded UTF-8 ({@link Utf8PathFirewall}); then
     * the default firewall (no encoded slashes, dot segments, odd methods...) with header and
     * parameter checks done by a character loop instead of a regular expression per value: same
     * rule (assigned, non-control characters), a fraction of the cost on every request.
     */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        var firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(SecurityConfiguration::isPrintable);
        firewall.setAllowedHeaderValues(SecurityConfiguration::isPrintable);
        firewall.setAllowedParameterNames(SecurityConfiguration::isPrintable);
        firewall.setAllowedParameterValues(SecurityConfiguration::isPrintable);
        return new Utf8PathFirewall(firewall);
    }

    static boolean isPrintable(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            var c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && (c <= 0x9f || !Character.isDefined(c)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the JWKS lazily (the gateway starts before Keycloak) and caches it; no discovery call.
     * Verified tokens are remembered until (at most) their expiry.
     */
    static ReactiveJwtDecoder jwtDecoder(GatewayProperties.Auth auth) {
        var keySelector = new CachingKeySelector();
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(auth.jwkSetUri().toString())
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(keySelector))
                .build();
        decoder.setJwtValidator(AccessTokenValidators.forIssuer(auth.issuerUri().toString(),
                auth.clockSkew(), Clock.systemUTC()));
        return new CachingJwtDecoder(decoder, auth.jwtCacheTtl(), auth.tokenCacheSize());
    }

    static ReactiveOpaqueTokenIntrospector introspector(GatewayProperties.Auth auth) {
        var remote = SpringReactiveOpaqueTokenIntrospector
                .withIntrospectionUri(auth.introspectionUri().toString())
                .clientId(auth.clientId())
                .clientSecret(auth.clientSecret())
                .build();
        return new CachingTokenIntrospector(remote, auth.introspectionCacheTtl(), auth.tokenCacheSize());
    }
}

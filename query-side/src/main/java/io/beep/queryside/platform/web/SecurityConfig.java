package io.beep.queryside.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API route needs a valid Keycloak token: the gateway checked it, and this service checks it
 * again. Failures answer problem+json.
 */
@Configuration
public class SecurityConfig {

    /** Keycloak's JWKS with issuer validation behind a per-token cache of successful checks. */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        return CachingJwtDecoder.of(properties);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper) throws Exception {
        var problems = new ProblemWriter(mapper);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless token API: no logout URL, no saved requests, no servlet-API request wrapper
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .servletApi(s -> s.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/v3/api-docs/**", "/v3/api-docs").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(BearerTokens::resolve)
                        .jwt(j -> { })
                        .authenticationEntryPoint((req, res, e) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, e) -> problems.write(res, ErrorCode.FORBIDDEN,
                                "not allowed")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required")));
        return http.build();
    }
}

package io.beep.saga.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Health and metrics are open; every other route (the authorization drift check) needs a valid Keycloak
 * token with the realm role {@code operator} or {@code app-admin}. Failures answer problem+json.
 */
@Configuration
public class SecurityConfig {

    private static final String NEEDS_ROLE = "this route needs the realm role operator or app-admin";

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper) throws Exception {
        var problems = new ProblemWriter(mapper);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .anyRequest().hasAnyRole(Roles.OPERATOR, Roles.APP_ADMIN))
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new Roles()))
                        .authenticationEntryPoint((req, res, e) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, e) -> problems.write(res, ErrorCode.FORBIDDEN, NEEDS_ROLE)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, ErrorCode.FORBIDDEN, NEEDS_ROLE)));
        return http.build();
    }
}

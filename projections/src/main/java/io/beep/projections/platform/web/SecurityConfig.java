package io.beep.projections.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin routes need a valid Keycloak token (the gateway checked it; this service checks it
 * again) and a realm role: projections, jobs and dead letters are for operators, the event
 * history for analysts, and {@code app-admin} may do everything. Jobs are readable by both, as
 * either may have started one. Failures answer problem+json: 401 without a valid token, 403
 * without the role.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper mapper) throws Exception {
        var problems = new ProblemWriter(mapper);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/api/v1/admin/projections/**", "/api/v1/admin/projections",
                                "/api/v1/admin/dead-letters/**", "/api/v1/admin/dead-letters")
                        .hasAnyRole(Roles.OPERATOR, Roles.APP_ADMIN)
                        .requestMatchers("/api/v1/admin/events/**", "/api/v1/admin/events")
                        .hasAnyRole(Roles.ANALYST, Roles.APP_ADMIN)
                        .requestMatchers("/api/v1/admin/jobs/**")
                        .hasAnyRole(Roles.OPERATOR, Roles.ANALYST, Roles.APP_ADMIN)
                        .anyRequest().hasRole(Roles.APP_ADMIN))
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(new Roles()))
                        .authenticationEntryPoint((req, res, e) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, e) -> problems.write(res, ErrorCode.FORBIDDEN,
                                "this route needs the realm role operator, analyst or app-admin as noted in the API")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, ErrorCode.FORBIDDEN,
                                "this route needs the realm role operator, analyst or app-admin as noted in the API")));
        return http.build();
    }
}

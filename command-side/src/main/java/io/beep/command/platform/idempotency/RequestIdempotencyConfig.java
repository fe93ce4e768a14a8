package io.beep.command.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link RequestIdempotencyFilter} after Spring Security, so the signed-in user is known. */
@Configuration(proxyBeanMethods = false)
class RequestIdempotencyConfig {

    @Bean
    FilterRegistrationBean<RequestIdempotencyFilter> requestIdempotencyFilter(RequestIdempotency keys, ObjectMapper mapper) {
        var registration = new FilterRegistrationBean<>(new RequestIdempotencyFilter(keys, mapper));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }
}

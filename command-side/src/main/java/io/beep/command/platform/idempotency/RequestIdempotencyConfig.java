package io.beep.command.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers {@link RequestIdempotencyFilter} after Spring Security, so the signed-in user is known,
 * and {@link ClaimEffects} on the command bus.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdempotencyConfig {

    @Bean
    FilterRegistrationBean<RequestIdempotencyFilter> requestIdempotencyFilter(RequestIdempotency keys, ObjectMapper mapper) {
        var registration = new FilterRegistrationBean<>(new RequestIdempotencyFilter(keys, mapper));
        registration.addUrlPatterns("/api/v1/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    @Bean
    ConfigurerModule claimEffects(RequestIdempotency keys) {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.commandBus().registerHandlerInterceptor(new ClaimEffects(keys))));
    }
}

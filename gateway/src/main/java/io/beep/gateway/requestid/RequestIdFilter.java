package io.beep.gateway.requestid;

import io.beep.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First filter of every request: fixes its request id, echoes it in the response and, when
 * {@code beep.gateway.access-log} is on, logs one line per request (never the query, headers or
 * body).
 */
@Component
class RequestIdFilter implements WebFilter, Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.beep.gateway.access");

    private final boolean accessLog;

    RequestIdFilter(GatewayProperties properties) {
        this.accessLog = properties.accessLog();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = RequestIds.of(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        if (!accessLog) {
            return chain.filter(exchange);
        }
        var start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> RequestIds.log(exchange, () -> {
            var request = exchange.getRequest();
            var status = exchange.getResponse().getStatusCode();
            ACCESS.info("{} {} {} {}ms", request.getMethod(), request.getPath().value(),
                    status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000);
        }));
    }
}

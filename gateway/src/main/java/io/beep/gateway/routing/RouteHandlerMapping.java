package io.beep.gateway.routing;

import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Hands requests that match the route table to the {@link ProxyHandler}. It runs before annotated
 * controllers; a handler mapping that must win over a route (the future WebSocket endpoint at
 * {@code /api/v1/gateway}) needs an order below {@link #ORDER}.
 */
final class RouteHandlerMapping extends AbstractHandlerMapping {

    static final int ORDER = -10;

    private final RouteTable routes;
    private final ProxyHandler proxy;

    RouteHandlerMapping(RouteTable routes, ProxyHandler proxy) {
        this.routes = routes;
        this.proxy = proxy;
        setOrder(ORDER);
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        return routes.match(request.getMethod(), request.getPath().pathWithinApplication())
                .map(route -> {
                    exchange.getAttributes().put(ProxyHandler.ROUTE_ATTRIBUTE, route);
                    return Mono.just(proxy);
                })
                .orElseGet(Mono::empty);
    }
}

package io.beep.gateway.routing;

import io.beep.gateway.GatewayProperties;
import io.beep.gateway.GatewayProperties.RouteDefinition;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/** The ordered route table built from configuration; the first matching route wins. */
public final class RouteTable {

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** Builds the table, failing fast on a route that names an unknown backend or has no path. */
    public static RouteTable from(GatewayProperties properties) {
        var parser = PathPatternParser.defaultInstance;
        var routes = properties.routes().stream().map(definition -> {
            var base = properties.backends().get(definition.backend());
            if (base == null) {
                throw new IllegalStateException("Route '" + definition.id() + "' names unknown backend '"
                        + definition.backend() + "'; known: " + properties.backends().keySet());
            }
            if (definition.paths().isEmpty()) {
                throw new IllegalStateException("Route '" + definition.id() + "' has no paths");
            }
            return toRoute(definition, base, parser);
        }).toList();
        return new RouteTable(routes);
    }

    private static Route toRoute(RouteDefinition definition, URI base, PathPatternParser parser) {
        var patterns = definition.paths().stream().map(parser::parse).toList();
        var methods = definition.methods().stream()
                .map(method -> HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        var url = base.toString().replaceAll("/+$", "");
        return new Route(definition.id(), patterns, methods, definition.backend(), url,
                definition.responseTimeout());
    }

    /** The first route matching this method and path, if any. */
    public Optional<Route> match(HttpMethod method, PathContainer path) {
        for (var route : routes) {
            if (route.matches(method, path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        return routes;
    }
}

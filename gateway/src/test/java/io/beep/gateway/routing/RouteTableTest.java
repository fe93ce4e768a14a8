package io.beep.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.gateway.GatewayProperties;
import io.beep.gateway.GatewayProperties.RouteDefinition;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class RouteTableTest {

    private static final Map<String, URI> BACKENDS = Map.of(
            "command-side", URI.create("http://127.0.0.1:8081/"),
            "query-side", URI.create("http://127.0.0.1:8082"),
            "projections", URI.create("http://127.0.0.1:8083"));

    private final RouteTable table = RouteTable.from(properties(List.of(
            new RouteDefinition("operations", List.of("/api/v1/admin/projections/**", "/api/v1/admin/jobs/**"),
                    Set.of(), "projections", null),
            new RouteDefinition("queries", List.of("/api/v1/**"), Set.of("GET", "head"), "query-side", null),
            new RouteDefinition("commands", List.of("/api/v1/**"), Set.of("POST", "PUT", "PATCH", "DELETE"),
                    "command-side", null))));

    @Test
    void firstMatchingRouteWins() {
        assertThat(backendOf(HttpMethod.GET, "/api/v1/admin/projections")).isEqualTo("projections");
        assertThat(backendOf(HttpMethod.POST, "/api/v1/admin/projections/messages/rebuild")).isEqualTo("projections");
        assertThat(backendOf(HttpMethod.GET, "/api/v1/admin/users")).isEqualTo("query-side");
    }

    @Test
    void choosesTheBackendByMethod() {
        assertThat(backendOf(HttpMethod.GET, "/api/v1/servers/1")).isEqualTo("query-side");
        assertThat(backendOf(HttpMethod.HEAD, "/api/v1/servers/1")).isEqualTo("query-side");
        assertThat(backendOf(HttpMethod.DELETE, "/api/v1/servers/1")).isEqualTo("command-side");
        assertThat(table.match(HttpMethod.OPTIONS, PathContainer.parsePath("/api/v1/servers/1"))).isEmpty();
        assertThat(table.match(HttpMethod.GET, PathContainer.parsePath("/v1/servers"))).isEmpty();
    }

    @Test
    void dropsTrailingSlashOfBackendUrl() {
        var route = table.match(HttpMethod.POST, PathContainer.parsePath("/api/v1/servers")).orElseThrow();
        assertThat(route.backendUrl()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void refusesRoutesToUnknownBackends() {
        var typo = properties(List.of(new RouteDefinition("x", List.of("/api/v1/**"), Set.of(), "quer-side", null)));
        assertThatThrownBy(() -> RouteTable.from(typo)).hasMessageContaining("quer-side");
    }

    private String backendOf(HttpMethod method, String path) {
        return table.match(method, PathContainer.parsePath(path)).orElseThrow().backend();
    }

    private static GatewayProperties properties(List<RouteDefinition> routes) {
        var defaults = Binder.get(new org.springframework.core.env.StandardEnvironment())
                .bindOrCreate("beep.gateway", GatewayProperties.class);
        return new GatewayProperties(defaults.maxBodyBytes(), false, defaults.auth(), BACKENDS, routes,
                defaults.upstream(), defaults.openapi());
    }
}

package io.beep.gateway;

import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running gateway (random port, real sockets) in front of three fake backends and a fake
 * Keycloak realm. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final FakeBackend COMMAND = FakeBackend.start("command-side");
    static final FakeBackend QUERY = FakeBackend.start("query-side");
    static final FakeBackend PROJECTIONS = FakeBackend.start("projections");
    static final TestIssuer ISSUER = TestIssuer.start();

    WebTestClient web;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("beep.gateway.backends.command-side", COMMAND::url);
        registry.add("beep.gateway.backends.query-side", QUERY::url);
        registry.add("beep.gateway.backends.projections", PROJECTIONS::url);
        registry.add("beep.gateway.auth.issuer-uri", ISSUER::issuer);
        registry.add("beep.gateway.max-body-bytes", () -> MAX_BODY_BYTES);
        registry.add("beep.gateway.auth.clock-skew", () -> "0s");
    }

    @BeforeEach
    void resetBackends() {
        web = TestClients.gateway(port);
        COMMAND.reset();
        QUERY.reset();
        PROJECTIONS.reset();
    }

    /** An absolute URI sent exactly as written (WebTestClient would encode a string template). */
    URI exactly(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    String bearer(String token) {
        return "Bearer " + token;
    }
}

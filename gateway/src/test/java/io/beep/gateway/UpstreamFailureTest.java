package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Command-side is down (nothing listens on its port); query-side is up but some calls are slow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureTest {

    static final FakeBackend QUERY = FakeBackend.start("query-side");
    static final TestIssuer ISSUER = TestIssuer.start();
    static final String DOWN = "http://127.0.0.1:" + freePort();

    WebTestClient web;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("beep.gateway.backends.command-side", () -> DOWN);
        registry.add("beep.gateway.backends.query-side", QUERY::url);
        registry.add("beep.gateway.backends.projections", () -> DOWN);
        registry.add("beep.gateway.auth.issuer-uri", ISSUER::issuer);
        registry.add("beep.gateway.upstream.response-timeout", () -> "700ms");
    }

    @BeforeEach
    void connect() {
        web = TestClients.gateway(port);
    }

    @Test
    void answers503WhenBackendIsDown() {
        web.post().uri("/api/v1/servers").header("Authorization", "Bearer " + ISSUER.validToken())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UPSTREAM_UNAVAILABLE")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").isEqualTo("The command-side service is unavailable")
                .jsonPath("$.instance").isEqualTo("/api/v1/servers");
    }

    @Test
    void answers504WhenBackendIsTooSlow() {
        web.get().uri("/api/v1/servers/1/slow").header("Authorization", "Bearer " + ISSUER.validToken())
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UPSTREAM_UNAVAILABLE")
                .jsonPath("$.detail").isEqualTo("The query-side service did not answer in time");
    }

    @Test
    void answers502WhenBackendDropsTheConnection() {
        web.get().uri("/api/v1/servers/1/broken").header("Authorization", "Bearer " + ISSUER.validToken())
                .exchange()
                .expectStatus().isEqualTo(502)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UPSTREAM_UNAVAILABLE")
                .jsonPath("$.detail").isEqualTo("The query-side service failed to answer");
    }

    @Test
    void mergesTheAvailableDocumentsWhenABackendIsDown() {
        QUERY.apiDocs = """
                {"openapi":"3.0.1","paths":{"/api/v1/servers/{id}":{"get":{"operationId":"getServer"}}}}
                """;
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/servers/{id}'].get.operationId").isEqualTo("getServer")
                .jsonPath("$.info.description").value(description -> assertThat((String) description)
                        .contains("Partial").contains("command-side, projections").contains("query-side"));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code beep.gateway.auth.mode=introspection} against the fake realm's introspection endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntrospectionAuthenticationTest {

    static final FakeBackend QUERY = FakeBackend.start("query-side");
    static final TestIssuer ISSUER = TestIssuer.start();

    WebTestClient web;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("beep.gateway.backends.query-side", QUERY::url);
        registry.add("beep.gateway.auth.mode", () -> "introspection");
        registry.add("beep.gateway.auth.issuer-uri", ISSUER::issuer);
        registry.add("beep.gateway.auth.client-secret", () -> TestIssuer.CLIENT_SECRET);
    }

    @BeforeEach
    void resetBackend() {
        web = TestClients.gateway(port);
        QUERY.reset();
    }

    @Test
    void acceptsActiveTokensAndCachesTheAnswer() throws Exception {
        ISSUER.active.put("opaque-alice", Instant.now().plusSeconds(300));
        var before = ISSUER.introspections.get();
        for (int i = 0; i < 3; i++) {
            web.get().uri("/api/v1/users/@me/servers").header("Authorization", "Bearer opaque-alice")
                    .exchange().expectStatus().isOk();
            assertThat(QUERY.take().headers().getFirst("Authorization")).isEqualTo("Bearer opaque-alice");
        }
        assertThat(ISSUER.introspections.get() - before).isEqualTo(1);
        assertThat(ISSUER.lastIntrospectionAuthorization).isEqualTo(TestIssuer.basicCredentials());
    }

    @Test
    void asksAgainOnceTheTokenHasExpired() {
        ISSUER.active.put("opaque-short", Instant.now().plusSeconds(1));
        var before = ISSUER.introspections.get();
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", "Bearer opaque-short")
                .exchange().expectStatus().isOk();
        ISSUER.active.remove("opaque-short");
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", "Bearer opaque-short")
                .exchange().expectStatus().isUnauthorized();
        assertThat(ISSUER.introspections.get() - before).isEqualTo(2);
    }

    @Test
    void rejectsInactiveTokens() {
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", "Bearer revoked-token")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UNAUTHENTICATED")
                .jsonPath("$.detail").isEqualTo("The bearer token is not active (expired, revoked or unknown)");
    }

    @Test
    void answers503WhenTheIdentityProviderFails() {
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", "Bearer " + TestIssuer.FAILING_TOKEN)
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.code").isEqualTo("UPSTREAM_UNAVAILABLE");
    }
}

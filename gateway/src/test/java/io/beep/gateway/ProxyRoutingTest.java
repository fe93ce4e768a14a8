package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ProxyRoutingTest extends GatewayTestSupport {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void forwardsQueriesToQuerySideWithPathQueryAndHeaders() throws Exception {
        var token = bearer(ISSUER.validToken());
        web.get().uri(exactly("/api/v1/channels/123/messages?before=99&limit=50&q=caf%C3%A9%20au%20lait"))
                .header("Authorization", token)
                .header("Beep-Consistency-Token", "4711")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("Accept-Language", "fr")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Limit", "10")
                .expectBody().json("{\"backend\":\"query-side\",\"method\":\"GET\"}");

        var received = QUERY.take();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.uri()).isEqualTo("/api/v1/channels/123/messages?before=99&limit=50&q=caf%C3%A9%20au%20lait");
        var headers = received.headers();
        assertThat(headers.getFirst("Authorization")).isEqualTo(token);
        assertThat(headers.getFirst("Beep-Consistency-Token")).isEqualTo("4711");
        assertThat(headers.getFirst("traceparent")).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(headers.getFirst("Accept-Language")).isEqualTo("fr");
        assertThat(headers.getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(headers.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(headers.getFirst("X-Forwarded-Host")).startsWith("localhost:");
        assertThat(headers.getFirst("X-Request-Id")).matches(UUID_PATTERN);
        assertThat(headers.getFirst("Host")).isEqualTo(QUERY.url().substring("http://".length()));
        assertThat(headers.containsKey("Keep-Alive")).isFalse();
        assertThat(headers.containsKey("Proxy-Authorization")).isFalse();
        assertThat(COMMAND.receivedNothing()).isTrue();
    }

    @Test
    void forwardsCommandsToCommandSide() throws Exception {
        var body = "{\"content\":\"hello \u00e9\",\"nonce\":\"n-1\"}";
        web.post().uri("/api/v1/channels/123/messages")
                .header("Authorization", bearer(ISSUER.validToken()))
                .header("Idempotency-Key", "key-42")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/api/v1/things/1")
                .expectHeader().valueEquals("Beep-Consistency-Token", "17")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("{\"backend\":\"command-side\",\"method\":\"POST\",\"bytes\":"
                        + body.getBytes(StandardCharsets.UTF_8).length + "}");

        var received = COMMAND.take();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(received.headers().getFirst("Idempotency-Key")).isEqualTo("key-42");
        assertThat(received.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(QUERY.receivedNothing()).isTrue();
    }

    @Test
    void sendsEveryWritingMethodToCommandSideAndReadsToQuerySide() throws Exception {
        for (var method : new HttpMethod[] {HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE}) {
            web.method(method).uri("/api/v1/servers/7").header("Authorization", bearer(ISSUER.validToken()))
                    .exchange().expectStatus().isOk();
            assertThat(COMMAND.take().method()).isEqualTo(method.name());
        }
        web.head().uri("/api/v1/servers/7").header("Authorization", bearer(ISSUER.validToken()))
                .exchange().expectStatus().isOk().expectHeader().exists("Content-Length");
        assertThat(QUERY.take().method()).isEqualTo("HEAD");
    }

    @Test
    void routesOperatorEndpointsToProjections() throws Exception {
        var token = bearer(ISSUER.validToken());
        web.get().uri("/api/v1/admin/projections").header("Authorization", token).exchange().expectStatus().isOk();
        web.post().uri("/api/v1/admin/projections/messages/rebuild").header("Authorization", token)
                .exchange().expectStatus().isCreated();
        web.get().uri("/api/v1/admin/jobs/9").header("Authorization", token).exchange().expectStatus().isOk();
        web.post().uri("/api/v1/admin/dead-letters/3/retry").header("Authorization", token)
                .exchange().expectStatus().isCreated();
        assertThat(PROJECTIONS.take().uri()).isEqualTo("/api/v1/admin/projections");
        assertThat(PROJECTIONS.take().uri()).isEqualTo("/api/v1/admin/projections/messages/rebuild");
        assertThat(PROJECTIONS.take().uri()).isEqualTo("/api/v1/admin/jobs/9");
        assertThat(PROJECTIONS.take().uri()).isEqualTo("/api/v1/admin/dead-letters/3/retry");

        web.get().uri("/api/v1/admin/users?q=al").header("Authorization", token).exchange().expectStatus().isOk();
        assertThat(COMMAND.take().uri()).isEqualTo("/api/v1/admin/users?q=al");
        assertThat(PROJECTIONS.receivedNothing()).isTrue();
    }

    @Test
    void keepsTheClientsRequestIdAndEchoesIt() throws Exception {
        web.get().uri("/api/v1/users/@me/servers").header("Authorization", bearer(ISSUER.validToken()))
                .header("X-Request-Id", "req-abc.123")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-abc.123");
        assertThat(QUERY.take().headers().get("X-Request-Id")).containsExactly("req-abc.123");
    }

    @Test
    void passesBackendErrorsThroughUnchanged() {
        web.get().uri("/api/v1/channels/1/limited").header("Authorization", bearer(ISSUER.validToken()))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "3")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().valueEquals("X-RateLimit-Reset-After", "2.5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(FakeBackend.LIMITED_BODY);
    }

    @Test
    void streamsNdjsonWithoutBuffering() {
        var lines = web.get().uri("/api/v1/admin/events?types=MessageSent")
                .header("Authorization", bearer(ISSUER.validToken()))
                .accept(MediaType.APPLICATION_NDJSON)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_NDJSON)
                .returnResult(String.class)
                .getResponseBody();

        StepVerifier.create(lines)
                .expectNext("{\"seq\":1}")
                .then(PROJECTIONS::releaseStream)
                .expectNext("{\"seq\":2}")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void rejectsDeclaredBodiesOverTheLimit() throws Exception {
        var body = new byte[MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) 'a');
        web.post().uri("/api/v1/channels/1/messages").header("Authorization", bearer(ISSUER.validToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE")
                .jsonPath("$.status").isEqualTo(413);
        assertThat(COMMAND.receivedNothing()).isTrue();
    }

    @Test
    void rejectsStreamedBodiesOverTheLimit() {
        web.post().uri("/api/v1/channels/1/messages").header("Authorization", bearer(ISSUER.validToken()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(BodyInserters.fromDataBuffers(chunks(MAX_BODY_BYTES + 8 * 1024)))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void streamsBodiesUpToTheLimit() throws Exception {
        web.post().uri("/api/v1/channels/1/messages").header("Authorization", bearer(ISSUER.validToken()))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(BodyInserters.fromDataBuffers(chunks(MAX_BODY_BYTES)))
                .exchange()
                .expectStatus().isCreated();
        var received = COMMAND.take();
        assertThat(received.body()).hasSize(MAX_BODY_BYTES);
        assertThat(received.headers().getFirst("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void answersUnknownPathsWithNotFoundProblem() {
        web.get().uri("/no/such/page")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.code").isEqualTo("NOT_FOUND")
                .jsonPath("$.instance").isEqualTo("/no/such/page")
                .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void rejectsPathsThatTryToLeaveTheirRoute() throws Exception {
        web.post().uri(exactly("/api/v1/webhooks/%2e%2e/%2e%2e/servers/messages"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        assertThat(COMMAND.receivedNothing()).isTrue();
    }

    /** {@code total} bytes in 4 KiB chunks, sent without Content-Length (chunked). */
    private static Flux<DataBuffer> chunks(int total) {
        var chunk = 4 * 1024;
        return Flux.range(0, (total + chunk - 1) / chunk).map(i -> {
            var size = Math.min(chunk, total - i * chunk);
            var bytes = new byte[size];
            Arrays.fill(bytes, (byte) 'b');
            return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
        });
    }
}

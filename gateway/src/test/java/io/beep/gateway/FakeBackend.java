package io.beep.gateway;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP backend on a random loopback port that records what it receives. Behaviour by path:
 * {@code /v3/api-docs} serves {@link #apiDocs}; {@code .../limited} answers 429 with rate-limit
 * headers; {@code .../events} streams NDJSON (second line only after {@link #releaseStream()});
 * {@code .../slow} answers after 3 s; {@code .../broken} closes the connection; anything else
 * answers 200 (201 for POST) with a small JSON echo.
 */
final class FakeBackend {

    /** What the backend saw. */
    record Received(String method, String uri, HttpHeaders headers, byte[] body) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static final String LIMITED_BODY =
            "{\"type\":\"about:blank\",\"status\":429,\"code\":\"RATE_LIMITED\",\"detail\":\"slow down\"}";

    final String name;
    private final DisposableServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger apiDocsRequests = new AtomicInteger();
    private volatile Sinks.One<String> streamGate = Sinks.one();
    volatile String apiDocs;

    private FakeBackend(String name) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    static FakeBackend start(String name) {
        return new FakeBackend(name);
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next request received, waiting a little for it. */
    Received take() throws InterruptedException {
        var next = received.poll(5, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError(name + " received no request");
        }
        return next;
    }

    boolean receivedNothing() throws InterruptedException {
        return received.poll(300, TimeUnit.MILLISECONDS) == null;
    }

    int apiDocsRequests() {
        return apiDocsRequests.get();
    }

    void reset() {
        received.clear();
        streamGate = Sinks.one();
    }

    /** Lets the NDJSON stream send its second line. */
    void releaseStream() {
        streamGate.tryEmitValue("go");
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        var path = request.fullPath();
        if (path.equals("/v3/api-docs")) {
            apiDocsRequests.incrementAndGet();
            var docs = apiDocs;
            if (docs == null) {
                return response.status(HttpResponseStatus.NOT_FOUND).send();
            }
            return response.header("Content-Type", "application/json").sendString(Mono.just(docs)).then();
        }
        if (path.endsWith("/broken")) {
            return request.receive().then(Mono.fromRunnable(() -> response.withConnection(c -> c.channel().close())));
        }
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            received.add(new Received(request.method().name(), request.uri(), headers(request), body));
            return respond(request, response, path, body);
        });
    }

    private Mono<Void> respond(HttpServerRequest request, HttpServerResponse response, String path, byte[] body) {
        if (path.endsWith("/limited")) {
            return response.status(429)
                    .header("Content-Type", "application/problem+json")
                    .header("Retry-After", "3")
                    .header("X-RateLimit-Limit", "10")
                    .header("X-RateLimit-Remaining", "0")
                    .header("X-RateLimit-Reset-After", "2.5")
                    .sendString(Mono.just(LIMITED_BODY)).then();
        }
        if (path.endsWith("/events")) {
            var gate = streamGate;
            return response.header("Content-Type", "application/x-ndjson")
                    .sendString(Flux.concat(
                            Mono.just("{\"seq\":1}\n"),
                            gate.asMono().timeout(Duration.ofSeconds(10)).thenReturn("{\"seq\":2}\n")))
                    .then();
        }
        if (path.endsWith("/slow")) {
            return Mono.delay(Duration.ofSeconds(3)).then(response.sendString(Mono.just("late")).then());
        }
        var method = request.method().name();
        var echo = "{\"backend\":\"" + name + "\",\"method\":\"" + method + "\",\"bytes\":" + body.length + "}";
        response.header("Content-Type", "application/json").header("X-RateLimit-Limit", "10");
        if (method.equals("POST")) {
            response.status(201).header("Location", "/api/v1/things/1").header("Beep-Consistency-Token", "17");
        }
        if (method.equals("HEAD")) {
            return response.header("Content-Length", String.valueOf(echo.length())).send();
        }
        return response.sendString(Mono.just(echo)).then();
    }

    private static HttpHeaders headers(HttpServerRequest request) {
        var headers = new HttpHeaders();
        request.requestHeaders().forEach(entry -> headers.add(entry.getKey(), entry.getValue()));
        return headers;
    }
}

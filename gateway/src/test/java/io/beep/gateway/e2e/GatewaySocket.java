package io.beep.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the real-time gateway over the JDK's WebSocket: every text frame the server sends is
 * queued as JSON; the close code is kept. Waits are bounded (a broken gateway fails the test
 * instead of hanging it), never asserted on.
 */
final class GatewaySocket implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private GatewaySocket(String gatewayUrl) {
        var url = gatewayUrl.replaceFirst("^http", "ws") + "/api/v1/gateway";
        this.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(url), new Listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    static GatewaySocket connect() {
        return new GatewaySocket(StackClient.GATEWAY);
    }

    static GatewaySocket connect(String gatewayUrl) {
        return new GatewaySocket(gatewayUrl);
    }

    /** Connects, reads HELLO, identifies and returns once READY arrived. */
    static GatewaySocket identified(String gatewayUrl, String token) {
        var socket = connect(gatewayUrl);
        socket.next("HELLO");
        socket.send("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + token + "\"}}");
        socket.dispatch("READY");
        return socket;
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next frame, whatever it is. */
    JsonNode next() {
        try {
            var frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the gateway within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, which must have this op. */
    JsonNode next(String op) {
        var frame = next();
        if (!op.equals(frame.path("op").asText())) {
            throw new AssertionError("expected " + op + " but got " + frame);
        }
        return frame;
    }

    /** Skips frames until a dispatch of this type arrives. */
    JsonNode dispatch(String type) {
        return until(frame -> "DISPATCH".equals(frame.path("op").asText()) && type.equals(frame.path("t").asText()));
    }

    /** Every frame up to and including the first that matches. */
    List<JsonNode> collectUntil(Predicate<JsonNode> last) {
        var seen = new ArrayList<JsonNode>();
        while (true) {
            var frame = next();
            seen.add(frame);
            if (last.test(frame)) {
                return seen;
            }
        }
    }

    JsonNode until(Predicate<JsonNode> wanted) {
        var all = collectUntil(wanted);
        return all.get(all.size() - 1);
    }

    /** The close code the server sent, once the socket closed. */
    int closeCode() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection without a close handshake (a network failure). */
    void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(StackClient.JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    frames.add(StackClient.JSON.createObjectNode().put("op", "UNPARSEABLE").put("text", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}

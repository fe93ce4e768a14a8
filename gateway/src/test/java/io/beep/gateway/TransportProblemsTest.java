package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP server refuses before any gateway handler runs (it cannot decode them, or their
 * target is not a URI) still get a problem+json answer with a stable code and their usual status.
 * Written on raw sockets: HTTP clients refuse to send most of these requests.
 */
class TransportProblemsTest extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTooLongRequestLineIs414UriTooLong() throws Exception {
        var answer = exchangeOnce("GET /api/v1/servers?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertProblem(answer, 414, "URI_TOO_LONG");
        assertThat(answer.closed()).as("connection closed after the answer").isTrue();
    }

    @Test
    void tooLargeHeadersAre431RequestHeaderFieldsTooLarge() throws Exception {
        var answer = exchangeOnce("GET /api/v1/users/@me HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(9000) + "\r\n\r\n");
        assertProblem(answer, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
        assertThat(answer.problem().path("instance").asText()).isEqualTo("/api/v1/users/@me");
    }

    @Test
    void aBadPercentEscapeInTheQueryIs400AndTheConnectionStaysUsable() throws Exception {
        try (var socket = socket()) {
            var in = new BufferedInputStream(socket.getInputStream());
            send(socket, "GET /api/v1/users/@me?q=%ZZ HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: bad-escape-1\r\n\r\n");
            var answer = read(in);
            assertProblem(answer, 400, "VALIDATION_FAILED");
            assertThat(answer.headers()).containsEntry("x-request-id", "bad-escape-1");
            assertThat(answer.problem().path("instance").asText()).isEqualTo("/api/v1/users/@me");

            send(socket, "GET /api/v1/users/@me HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertProblem(read(in), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void aBadPercentEscapeInThePathAndABraceInTheQueryAre400() throws Exception {
        assertProblem(exchangeOnce("GET /api/v1/servers/%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "VALIDATION_FAILED");
        assertProblem(exchangeOnce("GET /api/v1/servers?q={x} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "VALIDATION_FAILED");
    }

    @Test
    void aDuplicateOrMalformedContentLengthIs400() throws Exception {
        for (var lengths : new String[] {"Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: abc\r\n",
                "Content-Length: -1\r\n"}) {
            var answer = exchangeOnce("POST /api/v1/servers HTTP/1.1\r\nHost: localhost\r\n" + lengths + "\r\nhello");
            assertProblem(answer, 400, "VALIDATION_FAILED");
            assertThat(answer.problem().path("detail").asText()).contains("Content-Length");
            assertThat(answer.closed()).isTrue();
        }
    }

    @Test
    void aBrokenRequestPipelinedBehindAProxiedOneGetsTheProblemAndTheProxiedAnswerIsUntouched() throws Exception {
        var token = ISSUER.validToken();
        try (var socket = socket()) {
            var in = new BufferedInputStream(socket.getInputStream());
            send(socket, "GET /api/v1/users/@me/servers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\n\r\nGET /api/v1/users/@me?q=%G1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            var proxied = read(in);
            assertThat(proxied.status()).isEqualTo(200);
            assertThat(proxied.headers()).containsEntry("content-type", "application/json");
            assertThat(proxied.body()).contains("\"backend\":\"query-side\"");
            assertProblem(read(in), 400, "VALIDATION_FAILED");
        }
    }

    private Socket socket() throws IOException {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Sends one request on a fresh connection and reads its answer, and whether the gateway then closed. */
    private Answer exchangeOnce(String request) throws IOException {
        try (var socket = socket()) {
            var in = new BufferedInputStream(socket.getInputStream());
            send(socket, request);
            var answer = read(in);
            socket.setSoTimeout(5_000);
            boolean closed;
            try {
                closed = in.read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            }
            return new Answer(answer.status(), answer.headers(), answer.body(), closed);
        }
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers()).containsEntry("content-type", "application/problem+json");
        var problem = answer.problem();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    /** Reads one Content-Length delimited answer. */
    private static Answer read(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (true) {
            int next;
            try {
                next = in.read();
            } catch (SocketTimeoutException stalled) {
                return fail("No answer from the gateway");
            }
            if (next < 0) {
                return fail("The gateway closed the connection without a complete answer: " + head);
            }
            head.write(next);
            var bytes = head.toByteArray();
            var n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        var lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            var colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        var length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
        assertThat(length).as("Content-Length of " + lines[0]).isNotNegative();
        var body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body, StandardCharsets.UTF_8), false);
    }

    private record Answer(int status, Map<String, String> headers, String body, boolean closed) {

        JsonNode problem() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return fail("Not JSON: '" + body + "'");
            }
        }
    }
}

package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive connections stay usable whatever order the gateway finishes its answers in. Written on
 * a raw socket: two requests sent together put the gateway deterministically in the state a fast
 * client reaches by chance (its next request arrives before the gateway has finished the previous
 * exchange, whose answer it already has).
 */
class KeepAliveTest extends GatewayTestSupport {

    @Test
    void aRequestQueuedBehindAProxiedAnswerAndAnsweredAtOnceLeavesTheConnectionReadable() throws Exception {
        var token = ISSUER.validToken();
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            var out = socket.getOutputStream();
            var in = new BufferedInputStream(socket.getInputStream());

            send(out, request("GET", "/api/v1/users/@me/servers", token) + request("GET", "/api/v1/users/@me", null));
            assertThat(readStatus(in)).isEqualTo(200);
            assertThat(readStatus(in)).isEqualTo(401);
            assertThat(QUERY.take().uri()).isEqualTo("/api/v1/users/@me/servers");

            send(out, request("PUT", "/api/v1/servers/7", token));
            assertThat(readStatus(in)).isEqualTo(200);
            assertThat(COMMAND.take().method()).isEqualTo("PUT");
        }
    }

    private String request(String method, String path, String token) {
        var request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (method.equals("PUT")) {
            request.append("Content-Length: 0\r\n");
        }
        return request.append("\r\n").toString();
    }

    private static void send(OutputStream out, String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one whole response (Content-Length delimited) and returns its status. */
    private static int readStatus(InputStream in) throws IOException {
        String head;
        try {
            head = readHead(in);
        } catch (SocketTimeoutException stalled) {
            return fail("No answer on the keep-alive connection: the gateway stopped reading it");
        }
        var lines = head.split("\r\n");
        var length = -1;
        for (var line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(length).as("Content-Length of " + lines[0]).isNotNegative();
        assertThat(in.readNBytes(length)).hasSize(length);
        return Integer.parseInt(lines[0].split(" ")[1]);
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (true) {
            var next = in.read();
            if (next < 0) {
                return fail("The gateway closed the connection");
            }
            head.write(next);
            var bytes = head.toByteArray();
            var n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
    }
}

package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateway processes: the stack's own and a second one started here from the module's jar on
 * another port. Events and typing signals reach every socket that should see them, whichever
 * instance holds it; a session is resumable only on the instance that holds it.
 */
class TwoGatewaysIT {

    static Process second;
    static String secondUrl;

    @BeforeAll
    static void startSecondGateway() throws Exception {
        RealtimeIT.signIn();
        var jar = new File("target/gateway.jar");
        assertThat(jar).as("built by `mvn package` before the integration tests").exists();
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        secondUrl = "http://127.0.0.1:" + port;
        var log = new File("target/second-gateway.log");
        second = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.getAbsolutePath(), "--server.port=" + port,
                "--beep.realtime.instance-id=second")
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        var http = HttpClient.newHttpClient();
        var ready = URI.create(secondUrl + "/actuator/health/readiness");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            assertThat(second.isAlive()).as("second gateway exited; see " + log).isTrue();
            try {
                var answer = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(System.nanoTime() < deadline).as("second gateway not ready; see " + log).isTrue();
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopSecondGateway() throws Exception {
        RealtimeIT.cleanUp();
        if (second != null) {
            second.destroy();
            if (!second.waitFor(20, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
    }

    @Test
    void eventsAndTypingReachSocketsOnBothInstances() {
        var server = RealtimeIT.createServer("public");
        RealtimeIT.join(server, RealtimeIT.erin);
        try (var onFirst = GatewaySocket.identified(StackClient.GATEWAY, RealtimeIT.dave);
             var onSecond = GatewaySocket.identified(secondUrl, RealtimeIT.erin);
             var outsiderOnSecond = GatewaySocket.identified(secondUrl, RealtimeIT.carol)) {
            var sent = RealtimeIT.sendMessage(server.channelId(), RealtimeIT.dave, "to both instances");
            onFirst.until(RealtimeIT.isMessage(sent.path("id").asText()));
            onSecond.until(RealtimeIT.isMessage(sent.path("id").asText()));
            assertThat(RealtimeIT.framesUntilHeartbeatAck(outsiderOnSecond))
                    .noneMatch(RealtimeIT.isMessage(sent.path("id").asText()));

            var typing = RealtimeIT.request("POST", "/api/v1/channels/" + server.channelId() + "/typing", RealtimeIT.dave);
            assertThat(typing.statusCode()).isEqualTo(204);
            var signal = onSecond.dispatch("TYPING_START");
            assertThat(signal.path("d").path("userId").asText()).isEqualTo(RealtimeIT.daveId);
        }
    }

    @Test
    void aSessionResumesOnlyOnTheInstanceThatHoldsIt() {
        String sessionId;
        try (var first = GatewaySocket.connect(secondUrl)) {
            first.next("HELLO");
            first.send(RealtimeIT.identify(RealtimeIT.dave));
            sessionId = first.dispatch("READY").path("d").path("sessionId").asText();
            first.drop();
        }
        try (var elsewhere = GatewaySocket.connect()) {
            elsewhere.next("HELLO");
            elsewhere.send(RealtimeIT.resume(RealtimeIT.dave, sessionId, 1));
            elsewhere.next("INVALID_SESSION");
        }
        try (var same = GatewaySocket.connect(secondUrl)) {
            same.next("HELLO");
            same.send(RealtimeIT.resume(RealtimeIT.dave, sessionId, 1));
            same.dispatch("RESUMED");
        }
    }
}

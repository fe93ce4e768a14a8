package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000 identified sockets held open at once on one gateway; a message then reaches every one of
 * them, and every one still answers a heartbeat.
 */
class ThousandSocketsIT {

    static final int SOCKETS = 1000;

    @BeforeAll
    static void signIn() {
        RealtimeIT.signIn();
    }

    @AfterAll
    static void cleanUp() {
        RealtimeIT.cleanUp();
    }

    @Test
    void thousandOpenSocketsAllReceiveAMessage() throws Exception {
        var server = RealtimeIT.createServer("public");
        RealtimeIT.join(server, RealtimeIT.erin);
        var sockets = new ArrayList<GatewaySocket>();
        var pool = Executors.newFixedThreadPool(32);
        try {
            var opening = new ArrayList<Future<GatewaySocket>>();
            for (int i = 0; i < SOCKETS; i++) {
                var token = i % 2 == 0 ? RealtimeIT.dave : RealtimeIT.erin;
                opening.add(pool.submit((Callable<GatewaySocket>) () -> GatewaySocket.identified(StackClient.GATEWAY, token)));
            }
            for (var socket : opening) {
                sockets.add(socket.get());
            }
            assertThat(sockets).hasSize(SOCKETS);

            var sent = RealtimeIT.sendMessage(server.channelId(), RealtimeIT.dave, "to a thousand sockets");
            var received = new ArrayList<Future<Boolean>>();
            for (var socket : sockets) {
                received.add(pool.submit(() -> {
                    socket.until(RealtimeIT.isMessage(sent.path("id").asText()));
                    RealtimeIT.framesUntilHeartbeatAck(socket);
                    return true;
                }));
            }
            var delivered = new ArrayList<Boolean>();
            for (var answer : received) {
                delivered.add(answer.get());
            }
            assertThat(delivered).hasSize(SOCKETS).allMatch(Boolean::booleanValue);
            assertThat(sockets).noneMatch(GatewaySocket::isClosed);
        } finally {
            sockets.forEach(GatewaySocket::close);
            pool.shutdownNow();
        }
    }
}

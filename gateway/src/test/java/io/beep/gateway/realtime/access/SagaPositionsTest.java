package io.beep.gateway.realtime.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.gateway.realtime.RealtimeProperties;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The saga is asked once for many waiting positions, and not at all for a covered one. */
class SagaPositionsTest {

    final List<Long> asked = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    Server server;
    SagaPositions positions;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new PositionServiceGrpc.PositionServiceImplBase() {
                    @Override
                    public void awaitPosition(AwaitPositionRequest request, StreamObserver<PositionReply> reply) {
                        asked.add(request.getPosition());
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        reply.onNext(PositionReply.newBuilder().setReached(true)
                                .setSnapToken("token-" + request.getPosition()).build());
                        reply.onCompleted();
                    }
                })
                .build().start();
        positions = new SagaPositions(new RealtimeProperties.Saga("127.0.0.1:" + server.getPort(), Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        positions.close();
        server.shutdownNow();
    }

    @Test
    void concurrentWaitsShareOneCallPerHighestPositionAndCoveredPositionsCostNone() {
        var first = positions.tokenCovering(5).toFuture();
        var second = positions.tokenCovering(7).toFuture();
        var third = positions.tokenCovering(6).toFuture();
        release.countDown();
        var tokens = Flux.fromIterable(List.of(first, second, third))
                .flatMapSequential(future -> reactor.core.publisher.Mono.fromFuture(future))
                .collectList().block(Duration.ofSeconds(10));
        assertThat(tokens).hasSize(3).allMatch(token -> token.startsWith("token-"));
        assertThat(asked).hasSizeLessThanOrEqualTo(2).contains(5L);
        assertThat(positions.tokenCovering(4).block(Duration.ofSeconds(1))).isEqualTo(tokens.get(1));
        assertThat(asked).hasSizeLessThanOrEqualTo(2);
    }
}

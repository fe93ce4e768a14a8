package io.beep.queryside;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the projections' and the saga-orchestrator's {@code PositionService} (our own
 * services, not infrastructure): answers {@code reached} as told and records what it was asked.
 */
final class FakePositionServer {

    private final Server server;
    private final List<AwaitPositionRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean reached = true;

    FakePositionServer() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new PositionServiceGrpc.PositionServiceImplBase() {
                    @Override
                    public void awaitPosition(AwaitPositionRequest request, StreamObserver<PositionReply> reply) {
                        requests.add(request);
                        reply.onNext(PositionReply.newBuilder().setReached(reached).build());
                        reply.onCompleted();
                    }
                })
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    void answerReached(boolean value) {
        reached = value;
    }

    List<AwaitPositionRequest> takeRequests() {
        var copy = List.copyOf(requests);
        requests.clear();
        return copy;
    }
}

package io.beep.gateway.realtime.access;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.gateway.realtime.RealtimeProperties;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Asks the saga orchestrator for the authorization ZedToken that covers an event-store position:
 * a check made with it sees every relationship written for the events up to that position.
 * At most one call is in flight: it asks for the highest position waited for and answers every
 * waiter at or below it (a saga that lags is not flooded); a position known to be covered costs none.
 */
public final class SagaPositions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SagaPositions.class);

    private final ManagedChannel channel;
    private final long timeoutMs;
    /** The newest position known to be covered, with its token: earlier positions need no call. */
    private final AtomicReference<Covered> covered = new AtomicReference<>();
    /** Callers waiting; one call at a time asks for the highest position among them. */
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean asking;

    public SagaPositions(RealtimeProperties.Saga properties) {
        this.channel = ManagedChannelBuilder.forTarget(properties.target()).usePlaintext().build();
        this.timeoutMs = properties.timeout().toMillis();
    }

    /**
     * The ZedToken covering {@code position}; empty when the saga did not get there in time or
     * could not be asked (callers then check fully consistently).
     */
    public Mono<String> tokenCovering(long position) {
        if (position < 0) {
            return Mono.empty();
        }
        var known = covered.get();
        if (known != null && known.position() >= position) {
            return Mono.just(known.token());
        }
        return Mono.create(sink -> {
            synchronized (waiters) {
                waiters.add(new Waiter(position, sink));
                if (!asking) {
                    askForWaiters();
                }
            }
        });
    }

    /** Asks once for the highest position waited for; called holding the waiters' lock. */
    private void askForWaiters() {
        long highest = waiters.stream().mapToLong(Waiter::position).max().orElse(-1);
        if (highest < 0) {
            asking = false;
            return;
        }
        asking = true;
        ask(highest).map(Optional::of).defaultIfEmpty(Optional.empty()).subscribe(
                token -> answered(highest, token.orElse(null)),
                error -> answered(highest, null));
    }

    private void answered(long position, String token) {
        if (token != null) {
            covered.accumulateAndGet(new Covered(position, token),
                    (old, fresh) -> old == null || fresh.position() > old.position() ? fresh : old);
        }
        var done = new ArrayList<Waiter>();
        synchronized (waiters) {
            waiters.removeIf(waiter -> waiter.position() <= position && done.add(waiter));
            askForWaiters();
        }
        for (var waiter : done) {
            if (token == null) {
                waiter.sink().success();
            } else {
                waiter.sink().success(token);
            }
        }
    }

    private Mono<String> ask(long position) {
        return Mono.<PositionReply>create(sink -> PositionServiceGrpc.newStub(channel)
                        .withDeadlineAfter(timeoutMs + 1000, TimeUnit.MILLISECONDS)
                        .awaitPosition(AwaitPositionRequest.newBuilder()
                                .setPosition(position)
                                .setTimeoutMillis(timeoutMs)
                                .build(), new StreamObserver<>() {
                                    @Override
                                    public void onNext(PositionReply reply) {
                                        sink.success(reply);
                                    }

                                    @Override
                                    public void onError(Throwable error) {
                                        sink.error(error);
                                    }

                                    @Override
                                    public void onCompleted() {
                                        sink.success();
                                    }
                                }))
                .flatMap(reply -> {
                    if (!reply.getReached()) {
                        LOG.warn("Authorization relationships do not cover position {} yet; checking fully consistently",
                                position);
                        return Mono.empty();
                    }
                    return reply.getSnapToken().isEmpty() ? Mono.empty() : Mono.just(reply.getSnapToken());
                })
                .onErrorResume(error -> {
                    // a restarted saga-orchestrator is back long before gRPC's reconnect backoff would retry
                    channel.resetConnectBackoff();
                    LOG.warn("Saga position service unavailable ({}); checking fully consistently", error.toString());
                    return Mono.empty();
                });
    }

    private record Covered(long position, String token) {
    }

    private record Waiter(long position, MonoSink<String> sink) {
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}

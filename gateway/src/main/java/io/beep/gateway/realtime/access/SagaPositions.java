package io.beep.gateway.realtime.access;

import io.beep.contracts.grpc.AwaitPositionRequest;
import io.beep.contracts.grpc.PositionReply;
import io.beep.contracts.grpc.PositionServiceGrpc;
import io.beep.gateway.realtime.RealtimeProperties;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Asks the saga orchestrator for the authorization ZedToken that covers an event-store position:
 * a check made with it sees every relationship written for the events up to that position.
 * Concurrent waits share one call, and a position already known to be covered costs none.
 */
public final class SagaPositions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SagaPositions.class);

    private final ManagedChannel channel;
    private final long timeoutMs;
    /** The newest position known to be covered, with its token: earlier positions need no call. */
    private final AtomicReference<Covered> covered = new AtomicReference<>();
    /** Waits in flight by position: a wait for a later position answers an earlier one too. */
    private final ConcurrentSkipListMap<Long, Mono<String>> waits = new ConcurrentSkipListMap<>();

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
        var pending = waits.ceilingEntry(position);
        if (pending != null) {
            return pending.getValue();
        }
        var wait = ask(position)
                .doOnNext(token -> covered.accumulateAndGet(new Covered(position, token),
                        (old, fresh) -> old == null || fresh.position() > old.position() ? fresh : old))
                .doFinally(signal -> waits.remove(position))
                .cache();
        var raced = waits.putIfAbsent(position, wait);
        return raced != null ? raced : wait;
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
                    LOG.warn("Saga position service unavailable ({}); checking fully consistently", error.toString());
                    return Mono.empty();
                });
    }

    private record Covered(long position, String token) {
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}

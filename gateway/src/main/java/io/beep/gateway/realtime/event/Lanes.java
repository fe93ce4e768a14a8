package io.beep.gateway.realtime.event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs tasks one after another per key and concurrently across keys: the events of one channel
 * (or server) keep their order while a slow permission refresh in one server never holds up
 * another. A task whose lane is idle runs at once on the caller's thread (no hop on the hot path).
 */
final class Lanes {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Queues {@code task} behind the lane's previous one; the future completes when it has run. */
    CompletableFuture<Void> submit(String key, Supplier<Mono<Void>> task) {
        var mine = new CompletableFuture<Void>();
        var previous = new Object[1];
        tails.compute(key, (lane, tail) -> {
            previous[0] = tail;
            return mine;
        });
        mine.whenComplete((ok, failure) -> tails.remove(key, mine));
        @SuppressWarnings("unchecked")
        var before = (CompletableFuture<Void>) previous[0];
        if (before == null || before.isDone()) {
            run(task).whenComplete((ok, failure) -> mine.complete(null));
        } else {
            before.whenComplete((ok, failure) -> run(task).whenComplete((done, error) -> mine.complete(null)));
        }
        return mine;
    }

    private static CompletableFuture<Void> run(Supplier<Mono<Void>> task) {
        try {
            return task.get()
                    .onErrorResume(error -> {
                        LOG.warn("Real-time event handling failed: {}", error.toString(), error);
                        return Mono.empty();
                    })
                    .toFuture();
        } catch (RuntimeException error) {
            LOG.warn("Real-time event handling failed: {}", error.toString(), error);
            return CompletableFuture.completedFuture(null);
        }
    }

    int active() {
        return tails.size();
    }
}

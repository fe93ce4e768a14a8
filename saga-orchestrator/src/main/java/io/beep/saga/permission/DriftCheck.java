package io.beep.saga.permission;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.saga.platform.authz.SpiceDbClient;
import io.beep.saga.platform.authz.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Compares the relationships a server's events call for ({@link ExpectedRelationships}) with what SpiceDB
 * holds on every object the server ever had relationships on, and optionally repairs the difference with
 * idempotent TOUCH and DELETE writes. It first waits until the permissions saga has handled the newest of
 * the server's events, and gives up (409) if new events keep arriving while it compares, so a repair never
 * undoes a write the saga has just made.
 */
@Component
class DriftCheck {

    static final String SAGA_PROCESSOR = "ServerPermissionsSagaProcessor";
    private static final int ATTEMPTS = 3;
    private static final long SAGA_WAIT_NANOS = 10_000_000_000L;
    private static final long POLL_NANOS = 5_000_000;

    private final ServerHistory history;
    private final SpiceDbClient spiceDb;
    private final EventProcessingConfiguration processing;

    DriftCheck(ServerHistory history, SpiceDbClient spiceDb, EventProcessingConfiguration processing) {
        this.history = history;
        this.spiceDb = spiceDb;
        this.processing = processing;
    }

    DriftReport check(String serverId, boolean repair) {
        var types = ExpectedRelationships.eventTypes();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var events = history.of(serverId, types);
            if (events.isEmpty() || !(events.get(0).payload() instanceof ServerCreatedEvent)) {
                throw DomainException.notFound("server");
            }
            long newest = events.get(events.size() - 1).position();
            awaitSaga(newest);
            var expected = ExpectedRelationships.replay(serverId, events);
            var actual = new LinkedHashSet<Tuple>();
            for (var object : expected.objects()) {
                int colon = object.indexOf(':');
                actual.addAll(spiceDb.read(object.substring(0, colon), object.substring(colon + 1)));
            }
            var missing = difference(expected.relationships(), actual);
            var extra = difference(actual, expected.relationships());
            if (history.newest(serverId, types) != newest) {
                continue;
            }
            boolean repaired = false;
            if (repair && (!missing.isEmpty() || !extra.isEmpty())) {
                if (!missing.isEmpty()) {
                    spiceDb.write(missing);
                }
                if (!extra.isEmpty()) {
                    spiceDb.delete(extra);
                }
                repaired = true;
            }
            return new DriftReport(serverId, newest, expected.relationships().size(), actual.size(),
                    names(missing), names(extra), repaired);
        }
        throw new DomainException(ErrorCode.CONFLICT, "the server kept changing during the check; retry");
    }

    private static List<Tuple> difference(Set<Tuple> from, Set<Tuple> without) {
        var result = new ArrayList<Tuple>();
        for (var tuple : from) {
            if (!without.contains(tuple)) {
                result.add(tuple);
            }
        }
        result.sort(Comparator.comparing(Tuple::toString));
        return result;
    }

    private static List<String> names(List<Tuple> tuples) {
        return tuples.stream().map(Tuple::toString).toList();
    }

    private void awaitSaga(long position) {
        long deadline = System.nanoTime() + SAGA_WAIT_NANOS;
        while (!sagaCovers(position)) {
            if (System.nanoTime() > deadline) {
                throw new DomainException(ErrorCode.DEPENDENCY_UNAVAILABLE,
                        "the permissions saga has not caught up with the server's events; retry");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private boolean sagaCovers(long position) {
        var processor = processing.eventProcessor(SAGA_PROCESSOR, StreamingEventProcessor.class);
        if (processor.isEmpty() || processor.get().processingStatus().isEmpty()) {
            return false;
        }
        for (var segment : processor.get().processingStatus().values()) {
            var lower = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
            boolean covered = lower instanceof GapAwareTrackingToken gapAware
                    ? gapAware.getIndex() >= position && !gapAware.getGaps().contains(position)
                    : lower != null && lower.position().orElse(-1) >= position;
            if (segment.isErrorState() || !covered) {
                return false;
            }
        }
        return true;
    }
}

package io.beep.projections.admin.projection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * Computes {@link ProjectionStatus} for every streaming processor of this service from the
 * processors' in-memory tracker status and the event store's head. Answers are cached for
 * {@value #MAX_AGE_MILLIS} ms so that metric scrapes and status calls cost at most two small
 * queries a second.
 */
@Component
public class ProjectionStatuses {

    static final long MAX_AGE_MILLIS = 1_000;

    private final EventProcessingConfiguration processing;
    private final EventStoreHead head;
    private final ProcessingErrors errors;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public ProjectionStatuses(EventProcessingConfiguration processing, EventStoreHead head, ProcessingErrors errors) {
        this.processing = processing;
        this.head = head;
        this.errors = errors;
    }

    /** Every processor, by name. */
    public List<ProjectionStatus> all() {
        var cached = cache.get();
        long now = System.nanoTime();
        if (cached != null && now - cached.atNanos() < TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS)) {
            return cached.statuses();
        }
        var fresh = compute();
        cache.set(new Cached(now, fresh));
        return fresh;
    }

    /** One processor, if it exists. */
    public Optional<ProjectionStatus> of(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Forgets the cached answer, so the next call reads fresh state. */
    public void invalidate() {
        cache.set(null);
    }

    private List<ProjectionStatus> compute() {
        long headPosition = head.position();
        var statuses = new ArrayList<ProjectionStatus>();
        processing.eventProcessors().entrySet().stream()
                .filter(e -> e.getValue() instanceof StreamingEventProcessor)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> statuses.add(status(e.getKey(), (StreamingEventProcessor) e.getValue(), headPosition)));
        return List.copyOf(statuses);
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, long headPosition) {
        var trackers = processor.processingStatus().values();
        Long position = null;
        boolean replaying = false;
        ProcessingError trackerError = null;
        for (EventTrackerStatus tracker : trackers) {
            var lowerBound = WrappedToken.unwrapLowerBound(tracker.getTrackingToken());
            long segmentPosition = lowerBound == null ? 0 : lowerBound.position().orElse(0);
            position = position == null ? segmentPosition : Math.min(position, segmentPosition);
            replaying |= tracker.isReplaying();
            if (tracker.isErrorState() && tracker.getError() != null) {
                trackerError = new ProcessingError(ProcessingErrors.describe(tracker.getError()), null, clock.instant());
            }
        }
        String state;
        if (processor.isError() || trackerError != null) {
            state = "error";
        } else if (!processor.isRunning()) {
            state = "stopped";
        } else if (trackers.isEmpty()) {
            state = "unclaimed";
        } else if (replaying) {
            state = "replaying";
        } else {
            state = "running";
        }
        Long lagEvents = position == null ? null : Math.max(0, headPosition - position);
        Long lagMillis = null;
        if (position != null) {
            lagMillis = lagEvents == 0 ? 0L : head.storedAtAfter(position)
                    .map(storedAt -> Math.max(0, clock.millis() - storedAt.toEpochMilli()))
                    .orElse(0L);
        }
        var lastError = trackerError != null ? trackerError : errors.newest(name).orElse(null);
        return new ProjectionStatus(name, state, position, headPosition, lagEvents, lagMillis, trackers.size(),
                lastError);
    }

    private record Cached(long atNanos, List<ProjectionStatus> statuses) {
    }
}

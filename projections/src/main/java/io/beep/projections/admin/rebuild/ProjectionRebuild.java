package io.beep.projections.admin.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.projections.admin.job.Job;
import io.beep.projections.admin.job.JobRunner;
import io.beep.projections.admin.projection.ProjectionStatuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code rebuild} job (params {@code processor}, {@code copy}). Phases:
 * <ol>
 * <li>a fresh copy is created and the whole history is replayed into it, in chunks, through fresh
 *     instances of the processor's handler classes bound to the copy ({@link BoundHandlers});
 *     after each chunk the copy's writes are durable and the job's position is recorded, so a
 *     restarted instance resumes after it (the handlers are idempotent by position, so a chunk
 *     replayed twice changes nothing);</li>
 * <li>once the copy is within {@link RebuildProperties#switchLag()} events of the store head, the
 *     live processor pauses, the copy takes in every event up to the live processor's token
 *     (events that were still in flight are read again through the gap-aware token), and the
 *     copies switch atomically ({@link ViewCopies#makeLive}); the processor resumes, now writing
 *     into the new copy, and goes on from its own token;</li>
 * <li>after a grace period for readers that cached the old pointer, the old copy is dropped.</li>
 * </ol>
 * A cancelled job drops its unfinished copy. The live copy answers reads all along.
 */
@Component
class ProjectionRebuild implements JobRunner {

    static final String KIND = "rebuild";
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final RebuildTargets targets;
    private final ViewCopies copies;
    private final RebuildEvents events;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final RebuildProperties properties;
    private final ProjectionStatuses statuses;
    private final ObjectMapper mapper;

    ProjectionRebuild(RebuildTargets targets, ViewCopies copies, RebuildEvents events,
                      EventProcessingConfiguration processing, TokenStore tokens, RebuildProperties properties,
                      ProjectionStatuses statuses, ObjectMapper mapper) {
        this.targets = targets;
        this.copies = copies;
        this.events = events;
        this.processing = processing;
        this.tokens = tokens;
        this.properties = properties;
        this.statuses = statuses;
        this.mapper = mapper;
    }

    @Override
    public String kind() {
        return KIND;
    }

    JsonNode params(String processor, String copy) {
        return mapper.createObjectNode().put("processor", processor).put("copy", copy);
    }

    @Override
    public void run(Job job, Progress progress) throws Exception {
        var processor = job.params().path("processor").asText();
        var copy = job.params().path("copy").asText();
        var storage = targets.of(processor)
                .orElseThrow(() -> new IllegalStateException(processor + " cannot be rebuilt"));
        if (copy.equals(copies.live(processor))) {
            // switched before a restart: only the old copy is left to drop
            copies.dropOld(processor, storage, copy);
            return;
        }
        if (job.position() == null) {
            copies.create(processor, storage, copy);
            progress.total(events.countAfter(0));
        } else if (!copies.exists(storage, copy)) {
            throw new IllegalStateException("the unfinished copy " + copy + " is gone; start a new rebuild");
        }
        var state = new State(job.processed(),
                job.position() == null ? null : GapAwareTrackingToken.newInstance(job.position(), Set.of()));
        try (var session = copies.open(processor, storage, copy)) {
            // 1. the history, while the live copy serves and follows; then the indexes only readers
            // need (added to the loaded copy, see ViewCopies.Session#addIndexes), and what came meanwhile
            boolean indexed = false;
            while (true) {
                if (!replay(session, state, Long.MAX_VALUE, progress)) {
                    stopped(progress, processor, storage, copy);
                    return;
                }
                if (events.head() - position(state.token) <= properties.switchLag()) {
                    if (indexed) {
                        break;
                    }
                    session.addIndexes();
                    indexed = true;
                }
            }
            // 2. the switch
            var live = processing.eventProcessor(processor, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no streaming processor " + processor));
            live.shutdownAsync().get(properties.pauseTimeoutMs(), TimeUnit.MILLISECONDS);
            try {
                long upTo = livePosition(processor);
                if (!replay(session, state, upTo, progress) || position(state.token) < upTo) {
                    if (progress.cancelled() || progress.stopping()) {
                        stopped(progress, processor, storage, copy);
                        return;
                    }
                    throw new IllegalStateException("the copy did not reach the live position " + upTo);
                }
                copies.makeLive(processor, storage, copy);
                log.info("rebuild {}: {} switched to copy {} at position {}", job.id(), processor, copy,
                        position(state.token));
            } finally {
                if (!progress.stopping()) {
                    live.start();
                }
                statuses.invalidate();
            }
        }
        progress.total(state.processed);
        progress.checkpoint(state.processed, position(state.token));
        // 3. the old copy, once readers are done with it
        Thread.sleep(properties.dropGraceMs());
        copies.dropOld(processor, storage, copy);
    }

    /**
     * Applies events after the state's token until the store has no more (or, with a bound, until
     * the token is at or past {@code upTo}); false when the job must stop. A chunk's writes are
     * handed to the copy's writer ({@link ViewCopies.Session#commitAsync}) while the next chunk is
     * read and handled; a chunk counts (and its position is recorded) only once its writes are
     * durable, in chunk order, and every chunk read is written before this returns.
     */
    private boolean replay(ViewCopies.Session session, State state, long upTo, Progress progress) throws Exception {
        int size = session.overlapped() ? Math.min(properties.chunk(), properties.overlappedChunk()) : properties.chunk();
        Written inFlight = null;
        try {
            while (true) {
                var chunk = new ArrayList<TrackedEventMessage<?>>(size);
                try (var stream = events.after(state.token, size)) {
                    var iterator = stream.iterator();
                    while (chunk.size() < size && iterator.hasNext()) {
                        chunk.add(iterator.next());
                    }
                }
                if (chunk.isEmpty()) {
                    var last = inFlight;
                    inFlight = null;
                    return last == null || settle(last, state, progress);
                }
                apply(session, chunk, state);
                var written = new Written(session.commitAsync(), chunk.get(chunk.size() - 1).trackingToken(),
                        chunk.size());
                // the next chunk is read after this one, whether or not it is written yet
                state.token = written.token;
                var previous = inFlight;
                inFlight = written;
                if (previous != null && !settle(previous, state, progress)) {
                    // stopping: this chunk's writes end too; recorded, a resumed job does not apply it again
                    inFlight = null;
                    try {
                        settle(written, state, progress);
                    } catch (RuntimeException e) {
                        log.warn("rebuild stops; the last chunk's writes failed and are applied again on resume: {}",
                                e.toString());
                    }
                    return false;
                }
                if (upTo != Long.MAX_VALUE && position(state.token) >= upTo && chunk.size() < size) {
                    inFlight = null;
                    return settle(written, state, progress);
                }
            }
        } finally {
            if (inFlight != null) {
                // stopping or failing: the chunk still being written ends before the copy is closed or
                // dropped; it was not recorded, so a resumed job applies it again
                inFlight.writes.exceptionally(e -> null).join();
            }
        }
    }

    /** Waits until the chunk's writes are durable, then counts it and records its position. */
    private static boolean settle(Written chunk, State state, Progress progress) {
        BufferedCopy.await(chunk.writes);
        state.processed += chunk.events;
        return progress.checkpoint(state.processed, resumePosition(chunk.token));
    }

    /**
     * Hands a chunk to the handlers in one unit of work, as the live processor does with a batch
     * (handlers that collect writes until the unit of work commits write them at once).
     */
    private void apply(ViewCopies.Session session, List<TrackedEventMessage<?>> chunk, State state) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(chunk.get(0));
        try {
            for (var event : chunk) {
                try {
                    session.handlers().handle(event);
                } catch (Exception e) {
                    // the live processor parks such an event in its dead-letter queue: the copy skips it
                    state.skipped++;
                    if (state.skipped <= 10) {
                        log.warn("rebuild skips event {} ({}) at position {}: {}", event.getIdentifier(),
                                event.getPayloadType().getSimpleName(), position(event.trackingToken()), e.toString());
                    }
                }
            }
            unitOfWork.commit();
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    private void stopped(Progress progress, String processor, ViewStorage storage, String copy) {
        if (progress.cancelled()) {
            copies.discard(processor, storage, copy);
        }
    }

    /** The furthest position the paused live processor has handled, over its segments. */
    private long livePosition(String processor) {
        long upTo = 0;
        for (int segment : tokens.fetchSegments(processor)) {
            TrackingToken token = tokens.fetchToken(processor, segment);
            tokens.releaseClaim(processor, segment);
            upTo = Math.max(upTo, position(token));
        }
        return upTo;
    }

    /**
     * Where a restarted runner may resume: below the oldest gap, because an event still in flight
     * when the chunk was read (a gap) has not been applied yet; the handlers are idempotent by
     * position, so the events after it are simply applied again.
     */
    private static long resumePosition(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            return gapAware.getGaps().first() - 1;
        }
        return position(token);
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /** A chunk handed to the copy's writer: its writes, its last event's token, its number of events. */
    private record Written(CompletableFuture<Void> writes, TrackingToken token, int events) {
    }

    /** How far this run got: events counted once written; the token is where reading goes on. */
    private static final class State {

        long processed;
        TrackingToken token;
        long skipped;

        State(long processed, TrackingToken token) {
            this.processed = processed;
            this.token = token;
        }
    }
}

package io.beep.projections.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as seen by a processor whose every batch has a fixed cost (the {@code messages}
 * processor: a counter update per channel and scope, two inserts and its token per batch, each a
 * round trip through the Mongo-wire server). While events arrive faster than it handles them, a
 * batch waits up to {@code linger} after its first event for more, instead of starting with the
 * one or two events that happen to be there: under load the same events take fewer, larger
 * batches. A batch waits only when the one before it held more than one event (the processor is
 * not keeping up event by event), so a lone event is handled at once; the wait ends as soon as
 * the batch is full. Catching up never waits: the events are already there.
 *
 * <p>The processor's own loop is unchanged: it fills a batch while {@link BlockingStream#peek()}
 * finds an event, so the stream's peek is where the wait happens, and the timed
 * {@link BlockingStream#hasNextAvailable(int, TimeUnit)} that starts each batch is where a batch
 * begins.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final long lingerNanos;
    private final int batchSize;

    /**
     * @param linger    how long a batch may wait after its first event (zero: never)
     * @param batchSize the processor's batch size: a full batch waits no longer
     */
    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger,
                                int batchSize) {
        this.delegate = delegate;
        this.lingerNanos = Math.max(0, linger.toNanos());
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new LingeringStream(delegate.openStream(trackingToken), lingerNanos, batchSize);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    /** One processor's stream; used by that processor's thread only, as Axon's streams are. */
    static final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final long lingerNanos;
        private final int batchSize;
        /** Events taken since the current batch began. */
        private int taken;
        /** Events the previous batch took. */
        private int previous;
        /** {@link System#nanoTime()} until which an empty peek waits; 0 while no batch is filling. */
        private long fillUntil;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> delegate, long lingerNanos, int batchSize) {
            this.delegate = delegate;
            this.lingerNanos = lingerNanos;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (taken > 0) {
                previous = taken;
                taken = 0;
            }
            fillUntil = 0;
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            var message = delegate.nextAvailable();
            taken++;
            if (taken == 1 && previous > 1 && lingerNanos > 0) {
                fillUntil = Math.max(1, System.nanoTime() + lingerNanos);
            } else if (taken >= batchSize) {
                fillUntil = 0;
            }
            return message;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            var next = delegate.peek();
            while (next.isEmpty() && fillUntil != 0) {
                long wait = fillUntil - System.nanoTime();
                if (wait <= 0) {
                    fillUntil = 0;
                    break;
                }
                try {
                    delegate.hasNextAvailable((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fillUntil = 0;
                }
                next = delegate.peek();
            }
            return next;
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return delegate.setOnAvailableCallback(callback);
        }
    }
}

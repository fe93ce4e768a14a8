package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/**
 * The waits of {@link LingeringEventSource.LingeringStream}, driven the way Axon's tracking
 * processor drives a stream: a timed {@code hasNextAvailable} begins a batch, then
 * {@code nextAvailable} while {@code peek} finds an event. The stream underneath is a queue that
 * a second thread appends to. The generous timeouts only stop a test that would hang.
 */
class LingeringEventSourceTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration GUARD = Duration.ofSeconds(20);

    private final QueueStream events = new QueueStream();
    private long position;

    @Test
    void aLoneEventIsHandledAtOnce() {
        var stream = new LingeringEventSource.LingeringStream(events, HOUR.toNanos(), 100);
        append(1);

        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            assertThat(stream.peek()).as("the batch before held no more than one event: no wait").isEmpty();
        });
    }

    @Test
    void afterABatchOfSeveralTheNextBatchWaitsForMoreEvents() throws Exception {
        var stream = new LingeringEventSource.LingeringStream(events, HOUR.toNanos(), 100);
        takeBatch(stream, 2);
        append(1);
        var later = Executors.newSingleThreadScheduledExecutor();
        try {
            assertTimeoutPreemptively(GUARD, () -> {
                assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
                var first = stream.nextAvailable();
                later.schedule(() -> append(1), 50, TimeUnit.MILLISECONDS);
                var next = stream.peek();
                assertThat(next).as("the event appended while the batch filled").isPresent();
                assertThat(next.get().trackingToken()).isNotEqualTo(first.trackingToken());
            });
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void theWaitEndsAfterTheLinger() {
        var stream = new LingeringEventSource.LingeringStream(events, Duration.ofMillis(30).toNanos(), 100);
        takeBatch(stream, 3);
        append(1);

        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            assertThat(stream.peek()).as("nothing came within the linger").isEmpty();
            assertThat(stream.peek()).as("and the batch waits no more").isEmpty();
        });
    }

    @Test
    void aFullBatchWaitsNoLonger() {
        var stream = new LingeringEventSource.LingeringStream(events, HOUR.toNanos(), 2);
        takeBatch(stream, 2);
        append(2);

        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            assertThat(stream.peek()).isPresent();
            stream.nextAvailable();
            assertThat(stream.peek()).as("the batch is full").isEmpty();
        });
    }

    @Test
    void withoutALingerNothingWaits() {
        var stream = new LingeringEventSource.LingeringStream(events, 0, 100);
        takeBatch(stream, 5);
        append(1);

        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            assertThat(stream.peek()).isEmpty();
        });
    }

    /** Appends {@code size} events and takes them as one batch, as the processor would. */
    private void takeBatch(LingeringEventSource.LingeringStream stream, int size) {
        append(size);
        assertTimeoutPreemptively(GUARD, () -> {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            stream.nextAvailable();
            for (int i = 1; i < size; i++) {
                assertThat(stream.peek()).isPresent();
                stream.nextAvailable();
            }
        });
    }

    private synchronized void append(int count) {
        for (int i = 0; i < count; i++) {
            position++;
            events.queue.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                    GenericEventMessage.asEventMessage("event " + position)));
        }
    }

    /** A stream over a queue: what is appended is available at once. */
    private static final class QueueStream implements BlockingStream<TrackedEventMessage<?>> {

        private final LinkedBlockingDeque<TrackedEventMessage<?>> queue = new LinkedBlockingDeque<>();

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(queue.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long until = System.nanoTime() + unit.toNanos(timeout);
            while (queue.isEmpty()) {
                if (System.nanoTime() >= until) {
                    return false;
                }
                Thread.sleep(1);
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return queue.take();
        }

        @Override
        public void close() {
        }
    }
}

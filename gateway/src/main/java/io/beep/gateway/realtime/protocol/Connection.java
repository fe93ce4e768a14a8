package io.beep.gateway.realtime.protocol;

import java.time.Instant;

import io.beep.gateway.realtime.session.Outbound;
import io.beep.gateway.realtime.session.Session;
import java.util.concurrent.ArrayBlockingQueue;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One socket: its bounded queue of outgoing frames, liveness and protocol state. Writes are
 * serialised (dispatches from event lanes, acks from the reader); a client whose queue overflows
 * is closed with {@link CloseCodes#TOO_SLOW} and may resume.
 */
final class Connection implements Outbound {

    enum State { NEW, IDENTIFYING, READY }

    private final Sinks.Many<String> frames;
    private final Sinks.Empty<Void> closeRequested = Sinks.empty();
    private final long openedNanos = System.nanoTime();
    private volatile long lastSeenNanos = openedNanos;
    private volatile State state = State.NEW;
    private volatile Session session;
    private volatile CloseStatus closeStatus;
    private volatile Instant tokenExpiresAt;
    private long windowStartNanos = openedNanos;
    private int framesInWindow;

    Connection(int queueSize) {
        this.frames = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(queueSize));
    }

    Flux<String> frames() {
        return frames.asFlux();
    }

    @Override
    public synchronized boolean send(String frame) {
        if (closeStatus != null) {
            return false;
        }
        var result = frames.tryEmitNext(frame);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            close(CloseCodes.TOO_SLOW, "Client reads too slowly");
            return false;
        }
        return result.isSuccess();
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeStatus != null) {
            return;
        }
        closeStatus = new CloseStatus(code, reason);
        frames.tryEmitComplete();
        closeRequested.tryEmitEmpty();
    }

    /** Completes when a close was requested (a socket that does not close soon after is dropped). */
    Mono<Void> closeRequested() {
        return closeRequested.asMono();
    }

    /** The status to close with once queued frames are written, or null. */
    CloseStatus closeStatus() {
        return closeStatus;
    }

    boolean closing() {
        return closeStatus != null;
    }

    /** Counts a client frame; false when the client exceeded {@code maxPerMinute}. */
    synchronized boolean admit(int maxPerMinute) {
        var now = System.nanoTime();
        lastSeenNanos = now;
        if (now - windowStartNanos > 60_000_000_000L) {
            windowStartNanos = now;
            framesInWindow = 0;
        }
        return ++framesInWindow <= maxPerMinute;
    }

    long silentNanos(long now) {
        return now - lastSeenNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    /** When the access token this socket identified (or resumed) with expires; null if unknown. */
    void tokenExpiresAt(Instant expiresAt) {
        this.tokenExpiresAt = expiresAt;
    }

    boolean tokenExpired(Instant now) {
        var expiresAt = tokenExpiresAt;
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    Session session() {
        return session;
    }

    void session(Session session) {
        this.session = session;
    }
}

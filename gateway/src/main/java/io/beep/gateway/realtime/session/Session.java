package io.beep.gateway.realtime.session;

import io.beep.gateway.realtime.protocol.CloseCodes;
import io.beep.gateway.realtime.protocol.Frames;

/**
 * One identified session: its user, its sequence counter and replay buffer, and the socket it is
 * attached to, if any. Every method holds the session's lock, so a dispatch is numbered, kept and
 * written in one step and a resume replays exactly what was missed before live frames continue.
 */
public final class Session {

    private final String id;
    private final String userId;
    private final String username;
    private final ReplayBuffer buffer;
    private long seq;
    private Outbound outbound;
    private long detachedAtNanos;
    private boolean ended;

    Session(String id, String userId, String username, int bufferSize) {
        this.id = id;
        this.userId = userId;
        this.username = username;
        this.buffer = new ReplayBuffer(bufferSize);
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String username() {
        return username;
    }

    /** Numbers a dispatch, keeps it for resume and writes it to the socket if one is attached. */
    public synchronized void dispatch(String type, String data) {
        if (ended) {
            return;
        }
        seq++;
        buffer.add(seq, type, data, System.nanoTime());
        if (outbound != null && !outbound.send(Frames.dispatch(type, seq, data))) {
            detach(outbound);
        }
    }

    /** Attaches the identifying socket and sends READY (sequence 1). */
    synchronized void start(Outbound socket, String readyData) {
        outbound = socket;
        dispatch(Frames.READY, readyData);
    }

    /**
     * Attaches a new socket after a drop: replays every dispatch after {@code lastSeen}, then sends
     * RESUMED. False (and the session ends) when the missed dispatches are no longer all kept.
     */
    synchronized boolean resume(Outbound socket, long lastSeen, String resumedData) {
        if (ended || !buffer.covers(lastSeen, seq)) {
            ended = true;
            return false;
        }
        var previous = outbound;
        if (previous != null && previous != socket) {
            previous.close(CloseCodes.SESSION_REPLACED, "Session resumed on another connection");
        }
        outbound = socket;
        detachedAtNanos = 0;
        buffer.replayAfter(lastSeen, (s, type, data) -> socket.send(Frames.dispatch(type, s, data)));
        dispatch(Frames.RESUMED, resumedData);
        return true;
    }

    /** The socket closed; the session stays resumable for the resume window. */
    public synchronized void detach(Outbound socket) {
        if (outbound == socket) {
            outbound = null;
            detachedAtNanos = System.nanoTime();
        }
    }

    /** Drops what is older than the window; true when the session itself has expired. */
    synchronized boolean expire(long nowNanos, long windowNanos) {
        buffer.trim(nowNanos - windowNanos, seq + 1);
        if (!ended && outbound == null && detachedAtNanos != 0 && nowNanos - detachedAtNanos > windowNanos) {
            ended = true;
        }
        return ended;
    }

    synchronized void end(int code, String reason) {
        ended = true;
        if (outbound != null) {
            outbound.close(code, reason);
            outbound = null;
        }
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized long sequence() {
        return seq;
    }
}

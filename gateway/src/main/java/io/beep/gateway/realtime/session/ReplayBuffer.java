package io.beep.gateway.realtime.session;

/**
 * The last dispatches of one session, by sequence number: a ring of at most {@code capacity}
 * entries, none older than the resume window. Not thread-safe: the owning session locks.
 * The payload strings are shared between sessions (one serialisation per event).
 */
final class ReplayBuffer {

    private final int capacity;
    private final String[] types;
    private final String[] data;
    private final long[] times;
    private int head;
    private int size;
    /** Sequence number of the oldest entry kept (or of the next one when empty). */
    private long firstSeq = 1;

    ReplayBuffer(int capacity) {
        this.capacity = capacity;
        this.types = new String[capacity];
        this.data = new String[capacity];
        this.times = new long[capacity];
    }

    void add(long seq, String type, String payload, long nanos) {
        if (size == capacity) {
            dropOldest();
        }
        if (size == 0) {
            firstSeq = seq;
        }
        int slot = (head + size) % capacity;
        types[slot] = type;
        data[slot] = payload;
        times[slot] = nanos;
        size++;
    }

    /** Drops entries stored before {@code oldestNanos}. */
    void trim(long oldestNanos, long nextSeq) {
        while (size > 0 && times[head] - oldestNanos < 0) {
            dropOldest();
        }
        if (size == 0) {
            firstSeq = nextSeq;
        }
    }

    /** Whether every dispatch after {@code lastSeen} up to {@code current} is still here. */
    boolean covers(long lastSeen, long current) {
        return lastSeen >= 0 && lastSeen <= current && (lastSeen == current || lastSeen + 1 >= firstSeq);
    }

    /** Hands every kept dispatch after {@code lastSeen} to {@code replay}, oldest first. */
    void replayAfter(long lastSeen, Replay replay) {
        for (int i = 0; i < size; i++) {
            long seq = firstSeq + i;
            if (seq > lastSeen) {
                int slot = (head + i) % capacity;
                replay.accept(seq, types[slot], data[slot]);
            }
        }
    }

    private void dropOldest() {
        types[head] = null;
        data[head] = null;
        head = (head + 1) % capacity;
        size--;
        firstSeq++;
    }

    int size() {
        return size;
    }

    /** Receives one replayed dispatch. */
    interface Replay {
        void accept(long seq, String type, String data);
    }
}

package io.beep.contracts.common;

import java.time.Instant;

/**
 * The layout of Beep's 64-bit ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of worker
 * id, 12 bits of sequence. An id therefore tells when it was made, and ids sort by time.
 */
public final class Snowflake {

    /** 2026-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;

    private Snowflake() {
    }

    /** When the id was made. */
    public static Instant timeOf(long id) {
        return EPOCH.plusMillis(id >>> (WORKER_BITS + SEQUENCE_BITS));
    }

    /** The smallest id made at {@code time} or later: every id made before it is smaller. */
    public static long firstIdAt(Instant time) {
        return Math.max(0, time.toEpochMilli() - EPOCH.toEpochMilli()) << (WORKER_BITS + SEQUENCE_BITS);
    }

    /** When the id (decimal) was made. */
    public static Instant timeOf(String id) {
        return timeOf(Long.parseLong(id));
    }
}

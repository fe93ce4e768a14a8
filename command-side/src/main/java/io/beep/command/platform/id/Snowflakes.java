package io.beep.command.platform.id;

import io.beep.contracts.common.Snowflake;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes 64-bit, time-ordered ids in the {@link Snowflake} layout. Up to 4,096 ids per millisecond per worker; each worker (instance) needs
 * its own worker id.
 */
@Component
public class Snowflakes {

    private static final long EPOCH_MILLIS = Snowflake.EPOCH.toEpochMilli();
    private static final int WORKER_BITS = Snowflake.WORKER_BITS;
    private static final int SEQUENCE_BITS = Snowflake.SEQUENCE_BITS;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final long workerId;
    private long lastMillis = -1;
    private long sequence;

    public Snowflakes(@Value("${beep.snowflake.worker-id:1}") long workerId) {
        if (workerId < 0 || workerId >= (1L << WORKER_BITS)) {
            throw new IllegalArgumentException("worker id must be in [0, 1023]");
        }
        this.workerId = workerId;
    }

    /** The next id, as the decimal string clients see. */
    public String next() {
        return Long.toString(nextLong());
    }

    public synchronized long nextLong() {
        long now = System.currentTimeMillis();
        if (now < lastMillis) {
            now = lastMillis;
        }
        if (now == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                now = waitForNextMillis(lastMillis);
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS)) | (workerId << SEQUENCE_BITS) | sequence;
    }

    private static long waitForNextMillis(long last) {
        long now = System.currentTimeMillis();
        while (now <= last) {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        }
        return now;
    }
}

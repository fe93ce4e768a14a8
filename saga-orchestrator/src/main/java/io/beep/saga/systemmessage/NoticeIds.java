package io.beep.saga.systemmessage;

import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Snowflake;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Deterministic ids for system notices, in the {@link Snowflake} layout: the time of the event the
 * notice is about, then 21 bits of a hash of the event's identifier in the worker and sequence bits,
 * with the top worker bit set. Worker ids 512–1023 are therefore reserved for notices (service
 * instances use lower ones, see {@code beep.snowflake.worker-id}). The same event always yields the
 * same id, so a redelivered event cannot post a second notice; two notices collide only if their
 * events were stored in the same millisecond and hash alike (1 in 2 million).
 */
final class NoticeIds {

    private static final int LOW_BITS = Snowflake.WORKER_BITS + Snowflake.SEQUENCE_BITS;
    private static final long NOTICE_FLAG = 1L << (LOW_BITS - 1);

    private NoticeIds() {
    }

    static MessageId of(Instant eventTime, String eventIdentifier) {
        long millis = Math.max(0, eventTime.toEpochMilli() - Snowflake.EPOCH.toEpochMilli());
        long id = (millis << LOW_BITS) | NOTICE_FLAG | (hash(eventIdentifier) & (NOTICE_FLAG - 1));
        return MessageId.of(Long.toString(id));
    }

    private static long hash(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

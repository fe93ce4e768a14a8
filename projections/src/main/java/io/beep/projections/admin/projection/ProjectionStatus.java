package io.beep.projections.admin.projection;

/**
 * One event processor as an operator sees it.
 *
 * @param name         the processor (processing group) name, e.g. {@code server-views}
 * @param state        {@code running}, {@code replaying}, {@code error}, {@code stopped} or
 *                     {@code unclaimed} (running, but no segment is held by this instance)
 * @param position     the global event-store position every segment has reached; null when unknown
 * @param headPosition the newest position in the event store
 * @param lagEvents    {@code headPosition - position} (sequence gaps count as events); null when unknown
 * @param lagMillis    how long the oldest event not yet handled has been waiting; 0 when caught up
 * @param segments     segments held by this instance
 * @param lastError    the newest failure seen, or null
 */
public record ProjectionStatus(
        String name,
        String state,
        Long position,
        long headPosition,
        Long lagEvents,
        Long lagMillis,
        int segments,
        ProcessingError lastError) {
}

package io.beep.projections.admin.deadletter;

/**
 * One parked event.
 *
 * @param id                 the dead letter's id (for retry and evict)
 * @param processor          the processor that could not handle it
 * @param sequenceIdentifier the sequence it holds up (events of one aggregate stay in order)
 * @param sequenceIndex      its place in that sequence
 * @param eventId            the event's id
 * @param eventType          simple name of the event's type
 * @param aggregateId        the aggregate that emitted it
 * @param aggregateSequence  its sequence number within the aggregate
 * @param storedAt           when the event was stored
 * @param enqueuedAt         when it was parked
 * @param lastTouched        when it was last retried
 * @param causeType          the failure's class
 * @param causeMessage       the failure's message
 */
public record DeadLetterView(String id, String processor, String sequenceIdentifier, long sequenceIndex,
                             String eventId, String eventType, String aggregateId, Long aggregateSequence,
                             String storedAt, String enqueuedAt, String lastTouched, String causeType,
                             String causeMessage) {
}

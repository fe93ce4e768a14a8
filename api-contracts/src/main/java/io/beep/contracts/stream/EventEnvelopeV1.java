package io.beep.contracts.stream;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One record on Kafka topic {@value #TOPIC}, keyed by {@code aggregateId}, as JSON. Consumers
 * read {@code type} and {@code revision} to interpret {@code payload}, which is the event record
 * serialised as JSON at that revision. Records of one aggregate keep their order; delivery is at
 * least once, so consumers de-duplicate by {@code eventId}.
 *
 * @param schema        always {@value #SCHEMA}
 * @param eventId       unique id of the event
 * @param type          simple name of the event record, e.g. {@code MessageSentEvent}
 * @param revision      revision of the payload's shape
 * @param aggregateType e.g. {@code Message}
 * @param aggregateId   id of the aggregate that emitted it (the record key)
 * @param sequence      the event's sequence number within its aggregate
 * @param position      the event's position in the global event store
 * @param timestamp     when the event was stored
 * @param payload       the event itself
 */
public record EventEnvelopeV1(
        String schema,
        String eventId,
        String type,
        String revision,
        String aggregateType,
        String aggregateId,
        long sequence,
        long position,
        Instant timestamp,
        @JsonRawValue String payload) {

    public static final String TOPIC = "beep.events.v1";
    public static final String SCHEMA = "beep.event.v1";
}

package io.beep.projections.admin.events;

/**
 * One event as read from the store, upcast to the newest revision, with its payload as JSON bytes.
 *
 * @param position      global position
 * @param eventId       unique id
 * @param aggregateType e.g. {@code Message}
 * @param aggregateId   the emitting aggregate
 * @param sequence      sequence number within the aggregate
 * @param timestamp     when it was stored, ISO-8601
 * @param payloadType   fully qualified type name
 * @param revision      revision of {@code payload}
 * @param payload       the event as JSON (UTF-8)
 */
public record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long sequence,
                          String timestamp, String payloadType, String revision, byte[] payload) {

    /** The simple name of the payload type, e.g. {@code MessageSentEvent}. */
    public String type() {
        int dot = payloadType.lastIndexOf('.');
        return dot < 0 ? payloadType : payloadType.substring(dot + 1);
    }
}

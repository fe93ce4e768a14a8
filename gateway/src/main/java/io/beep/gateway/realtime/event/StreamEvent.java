package io.beep.gateway.realtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event read from the stream.
 *
 * @param eventId unique id (for de-duplication)
 * @param type simple name of the event record, e.g. {@code MessageSentEvent}
 * @param position global event-store position ({@code -1} if unknown)
 * @param payload the event record as JSON
 * @param storedAt when the event was stored (null if unknown)
 */
public record StreamEvent(String eventId, String type, long position, JsonNode payload, Instant storedAt) {

    /** A text field of the payload, or null. */
    public String text(String field) {
        var value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

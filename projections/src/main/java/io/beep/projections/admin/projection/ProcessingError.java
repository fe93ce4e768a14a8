package io.beep.projections.admin.projection;

import java.time.Instant;

/**
 * A failure of an event processor.
 *
 * @param message   the exception's class and message
 * @param eventType the simple name of the event being handled, when known
 * @param at        when it was seen
 */
public record ProcessingError(String message, String eventType, Instant at) {
}

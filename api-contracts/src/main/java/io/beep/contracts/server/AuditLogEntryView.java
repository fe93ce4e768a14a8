package io.beep.contracts.server;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a server's audit log. {@code id} is the event's store position; {@code action} the event
 * type in lower snake case ({@code member_kicked}); {@code actorId} who did it and {@code targetId} what it
 * was done to, when known; {@code details} the event's remaining fields.
 */
public record AuditLogEntryView(
        String id,
        String action,
        String actorId,
        String targetId,
        Instant at,
        Map<String, Object> details) {
}

package io.beep.projections.audit;

/**
 * One audit-log line before it is stored.
 *
 * @param serverId the server the event belongs to
 * @param action   the event type in lower snake case without {@code Event} ({@code member_kicked})
 * @param actorId  who did it (the event's {@code ...By} field, else the owner or the member acting), if known
 * @param targetId what it was done to (member, channel, role or the server)
 * @param details  the remaining fields of the event as a JSON object
 */
record AuditEntry(long serverId, String action, String actorId, String targetId, String details) {
}

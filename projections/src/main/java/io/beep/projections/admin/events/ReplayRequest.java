package io.beep.projections.admin.events;

/**
 * {@code POST /api/v1/admin/events/replay}.
 *
 * @param target  the Kafka topic to publish into
 * @param filters which events; null = the whole history
 */
public record ReplayRequest(String target, ReplayFilters filters) {
}

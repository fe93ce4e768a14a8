/**
 * The event history for analysts: {@code GET /api/v1/admin/events} streams the stored events as
 * NDJSON, one {@code beep.event.v1} envelope a line, filtered and upcast to the newest revisions;
 * {@code POST /api/v1/admin/events/replay} republishes the same envelopes into a Kafka topic as a
 * durable job.
 */
package io.beep.projections.admin.events;

/**
 * Projection status for operators: for every event processor its position, lag in events and
 * milliseconds, state and last error, at {@code GET /api/v1/admin/projections} and as Prometheus
 * gauges.
 */
package io.beep.projections.admin.projection;

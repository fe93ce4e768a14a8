/**
 * Operator and analyst routes under {@code /api/v1/admin}: projection status and metrics
 * ({@code projection}), dead letters ({@code deadletter}), the event history and its replay into
 * Kafka ({@code events}), and the durable jobs that run such long work ({@code job}).
 */
package io.beep.projections.admin;

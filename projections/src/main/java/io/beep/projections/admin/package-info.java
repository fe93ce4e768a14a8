/**
 * Operator and analyst routes under {@code /api/v1/admin}: projection status and metrics
 * ({@code projection}), dead letters ({@code deadletter}) and the event history ({@code events}).
 */
package io.beep.projections.admin;

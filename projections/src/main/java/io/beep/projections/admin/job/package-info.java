/**
 * Durable long-running admin jobs (table {@code admin_job}): a small executor runs them, their
 * progress is recorded as they go, and a job still {@code running} for this instance at startup is
 * resumed from its last recorded position. {@code GET /api/v1/admin/jobs/{id}} shows one.
 */
package io.beep.projections.admin.job;

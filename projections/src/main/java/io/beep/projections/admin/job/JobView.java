package io.beep.projections.admin.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A job as the API shows it.
 *
 * @param id            opaque id
 * @param kind          e.g. {@code replay}
 * @param state         {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param processed     items done so far
 * @param total         items to do, null until counted
 * @param ratePerSecond items a second since the job started (until it ended)
 * @param etaSeconds    estimated seconds left at that rate; 0 once ended, null when unknown
 * @param startedAt     when it was created
 * @param finishedAt    when it ended
 * @param error         why it failed
 */
public record JobView(String id, String kind, String state, long processed, Long total, Double ratePerSecond,
                      Long etaSeconds, Instant startedAt, Instant finishedAt, String error) {

    /** The view of a row, measured at {@code now}. */
    public static JobView of(Job job, Instant now) {
        var end = job.finishedAt() != null ? job.finishedAt() : now;
        double seconds = Math.max(Duration.between(job.startedAt(), end).toMillis(), 1) / 1000.0;
        double rate = Math.round(job.processed() / seconds * 10.0) / 10.0;
        Long eta;
        if (!Job.RUNNING.equals(job.state())) {
            eta = 0L;
        } else if (job.total() == null || rate <= 0) {
            eta = null;
        } else {
            eta = (long) Math.ceil(Math.max(job.total() - job.processed(), 0) / rate);
        }
        return new JobView(job.id(), job.kind(), job.state(), job.processed(), job.total(), rate, eta,
                job.startedAt(), job.finishedAt(), job.error());
    }
}

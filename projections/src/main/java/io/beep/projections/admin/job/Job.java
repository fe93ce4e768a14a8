package io.beep.projections.admin.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One row of {@code admin_job}.
 *
 * @param id         opaque id
 * @param kind       which {@link JobRunner} runs it, e.g. {@code replay}
 * @param state      {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param owner      the instance running it
 * @param params     the runner's parameters
 * @param processed  items done so far
 * @param total      items to do, once known
 * @param position   the last event position finished, where a resumed job continues after
 * @param startedAt  when it was created
 * @param updatedAt  when its progress was last recorded
 * @param finishedAt when it ended, if it did
 * @param error      why it failed, if it did
 */
public record Job(String id, String kind, String state, String owner, JsonNode params, long processed, Long total,
                  Long position, Instant startedAt, Instant updatedAt, Instant finishedAt, String error) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
}

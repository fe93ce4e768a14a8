package io.beep.command.attachment;

import io.beep.command.platform.schedule.PeriodicJob;
import io.beep.contracts.common.Snowflake;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of uploads that were never attached. An upload may be attached for
 * {@link Attachment#USE_WINDOW} after it was requested (the aggregate refuses later uses with 410
 * {@code UPLOAD_EXPIRED}), so a file still unattached twice that long after its request can never be
 * attached any more: its S3 object is deleted and its {@code attachment_file} row marked removed.
 * Attachment ids are snowflakes, so "requested before" is "id below". Idempotent (deleting a missing
 * object succeeds), so several instances may sweep at once.
 */
@Component
class AttachmentSweeper extends PeriodicJob {

    private static final Logger LOG = LoggerFactory.getLogger(AttachmentSweeper.class);
    static final Duration SWEEP_AFTER = Attachment.USE_WINDOW.multipliedBy(2);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final AttachmentStorage storage;

    AttachmentSweeper(JdbcTemplate jdbc, AttachmentStorage storage) {
        super("attachment-sweeper", Duration.ofMinutes(1), Duration.ofMinutes(10));
        this.jdbc = jdbc;
        this.storage = storage;
    }

    /** Removes the files of unattached uploads requested before {@code now - SWEEP_AFTER}; answers how many. */
    int sweep(Instant now) {
        var removed = 0;
        List<Long> batch;
        do {
            batch = jdbc.queryForList("SELECT attachment_id FROM attachment_file WHERE message_id IS NULL "
                            + "AND removed_at IS NULL AND attachment_id < ? ORDER BY attachment_id LIMIT " + BATCH,
                    Long.class, Snowflake.firstIdAt(now.minus(SWEEP_AFTER)));
            for (var id : batch) {
                storage.delete(Long.toString(id));
                jdbc.update("UPDATE attachment_file SET removed_at = now() WHERE attachment_id = ? "
                        + "AND message_id IS NULL", id);
                removed++;
            }
        } while (batch.size() == BATCH);
        return removed;
    }

    @Override
    protected void runOnce() {
        var removed = sweep(Instant.now());
        if (removed > 0) {
            LOG.info("removed the files of {} uploads never attached to a message", removed);
        }
    }
}

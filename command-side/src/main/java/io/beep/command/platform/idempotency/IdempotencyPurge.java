package io.beep.command.platform.idempotency;

import io.beep.command.platform.schedule.PeriodicJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys older than {@code beep.idempotency.retention}: rows of
 * {@code request_idempotency} and {@code message_idempotency} whose {@code created_at} (database
 * time) is older go, in statements of at most {@code purge-batch} rows, each committed on its own
 * (autocommit), found through the {@code created_at} indexes. Rows another transaction holds are
 * skipped ({@code SKIP LOCKED}), so several instances purge side by side without waiting on each
 * other or on live requests. Counts go to the {@code beep.idempotency.purged} counter (tag
 * {@code table}) and to one log line per round that removed something.
 */
@Component
class IdempotencyPurge extends PeriodicJob {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyPurge.class);
    static final List<String> TABLES = List.of("request_idempotency", "message_idempotency");

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;
    private final MeterRegistry meters;

    IdempotencyPurge(JdbcTemplate jdbc, IdempotencyProperties properties, MeterRegistry meters) {
        super("idempotency-purge", Duration.ofMinutes(1), properties.purgeInterval());
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
    }

    /** Deletes the keys of every table created more than {@code olderThan} ago; answers the rows removed per table. */
    Map<String, Integer> purge(Duration olderThan) {
        var removed = new LinkedHashMap<String, Integer>();
        for (var table : TABLES) {
            removed.put(table, purge(table, olderThan));
        }
        return removed;
    }

    private int purge(String table, Duration olderThan) {
        var total = 0;
        int deleted;
        do {
            // one statement = one transaction (autocommit): its row locks last only as long as the batch
            deleted = jdbc.update("DELETE FROM " + table + " WHERE (user_id, idempotency_key) IN ("
                            + "SELECT user_id, idempotency_key FROM " + table
                            + " WHERE created_at < now() - ? * interval '1 millisecond' "
                            + "ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)",
                    olderThan.toMillis(), properties.purgeBatch());
            total += deleted;
            if (deleted > 0) {
                meters.counter("beep.idempotency.purged", "table", table).increment(deleted);
            }
        } while (deleted == properties.purgeBatch());
        return total;
    }

    @Override
    protected void runOnce() {
        var removed = purge(properties.retention());
        if (removed.values().stream().anyMatch(n -> n > 0)) {
            LOG.info("purged idempotency keys older than {}: {}", properties.retention(), removed);
        }
    }
}

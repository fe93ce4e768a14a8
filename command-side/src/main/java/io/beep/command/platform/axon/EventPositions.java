package io.beep.command.platform.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds where an aggregate's latest event sits in the global event store. */
@Component
public class EventPositions {

    private final JdbcTemplate jdbc;

    public EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global position of the aggregate's newest event, or 0 if it has none. */
    public long latestOf(String aggregateId) {
        var positions = jdbc.query(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "ORDER BY sequence_number DESC LIMIT 1",
                (row, i) -> row.getLong(1), aggregateId);
        return positions.isEmpty() ? 0 : positions.get(0);
    }

    /**
     * The global position of the aggregate's newest event: as {@code captured} appended it on this
     * thread (read from the insert, no query), else {@link #latestOf(String)}.
     */
    public long latestOf(String aggregateId, AppendedPositions.Captured<?> captured) {
        var appended = captured.of(aggregateId);
        return appended != null ? appended : latestOf(aggregateId);
    }
}

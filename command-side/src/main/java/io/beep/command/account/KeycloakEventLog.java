package io.beep.command.account;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The durable cursor and the handled-event ids of the Keycloak event sync. */
@Component
class KeycloakEventLog {

    private final JdbcTemplate jdbc;

    KeycloakEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Time (ms) of the newest event handled in this stream; 0 before the first one. */
    long cursor(String stream) {
        List<Long> times = jdbc.query("SELECT last_time FROM keycloak_event_cursor WHERE stream = ?",
                (row, i) -> row.getLong(1), stream);
        return times.isEmpty() ? 0 : times.get(0);
    }

    void advance(String stream, long time) {
        jdbc.update("INSERT INTO keycloak_event_cursor (stream, last_time) VALUES (?, ?) ON CONFLICT (stream) "
                + "DO UPDATE SET last_time = GREATEST(keycloak_event_cursor.last_time, EXCLUDED.last_time)", stream, time);
    }

    boolean seen(String eventId) {
        return !jdbc.queryForList("SELECT 1 FROM keycloak_event_seen WHERE event_id = ?", eventId).isEmpty();
    }

    /** Claims an event id; false when it was handled already (or another instance holds it). */
    boolean claim(String eventId, String stream) {
        return jdbc.update("INSERT INTO keycloak_event_seen (event_id, stream) VALUES (?, ?) ON CONFLICT DO NOTHING",
                eventId, stream) == 1;
    }

    /** Whether the account has any recorded history. */
    boolean hasHistory(String userId) {
        return !jdbc.queryForList("SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? LIMIT 1", userId)
                .isEmpty();
    }
}

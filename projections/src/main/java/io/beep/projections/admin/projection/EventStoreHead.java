package io.beep.projections.admin.projection;

import io.beep.projections.platform.db.DataSources;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The newest end of the event store, read from {@code beep_events}. */
@Component
public class EventStoreHead {

    private final JdbcTemplate events;

    public EventStoreHead(@Qualifier(DataSources.EVENTS) DataSource eventsDataSource) {
        this.events = new JdbcTemplate(eventsDataSource);
    }

    /** The newest global position, 0 for an empty store. */
    public long position() {
        Long head = events.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** When the first event after {@code position} was stored, if there is one. */
    public Optional<Instant> storedAtAfter(long position) {
        return events.query("select time_stamp from domain_event_entry where global_index > ? "
                        + "order by global_index limit 1",
                rs -> rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.<Instant>empty(),
                position);
    }
}

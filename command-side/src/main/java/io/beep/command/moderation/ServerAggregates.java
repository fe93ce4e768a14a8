package io.beep.command.moderation;

import io.beep.contracts.common.ServerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Whether a server aggregate with this id was ever created (an id of another kind of aggregate is no server). */
@Component
class ServerAggregates {

    private final JdbcTemplate jdbc;

    ServerAggregates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(ServerId server) {
        return !jdbc.queryForList("SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0 AND type = 'Server'", Integer.class, server.value()).isEmpty();
    }
}

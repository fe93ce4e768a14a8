package io.beep.saga.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.server.ServerCreatedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Finding a server's events in the real PostgreSQL event store's layout, with a stored payload that
 * PostgreSQL's jsonb refuses although it is valid JSON (half a surrogate pair, which names once
 * accepted): the server's events are still found, and no other server's. The rows live in a
 * temporary {@code domain_event_entry} of this test's own connection (temporary tables come first in
 * PostgreSQL's search path), so the shared event store is not touched.
 */
class ServerHistoryIntegrationTest {

    private static final String URL = System.getenv().getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432")
            + "/" + System.getenv().getOrDefault("BEEP_EVENTS_DB", "beep_events");
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        dataSource = new SingleConnectionDataSource(URL, System.getenv().getOrDefault("BEEP_PG_USER", "beep"),
                System.getenv().getOrDefault("BEEP_PG_PASSWORD", "beep"), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TEMPORARY TABLE domain_event_entry (global_index BIGINT, time_stamp VARCHAR(255), "
                + "payload_type VARCHAR(255), payload_revision VARCHAR(255), payload BYTEA, aggregate_identifier VARCHAR(255))");
    }

    @AfterEach
    void tearDown() {
        dataSource.destroy();
    }

    @Test
    void aPayloadThatJsonbRefusesDoesNotHideTheServersEvents() {
        store(1, "{\"serverId\":\"11\",\"name\":\"\\ud800x\"}");
        store(2, "{\"serverId\":\"12\",\"name\":\"other\"}");
        store(3, "{\"serverId\":\"11\",\"name\":\"renamed \\\"serverId\\\":\\\"12\\\"\"}");
        var history = new ServerHistory(jdbc, JacksonSerializer.defaultSerializer());

        assertThat(history.newest("11", List.of(ServerCreatedEvent.class))).isEqualTo(3);
        assertThat(history.newest("12", List.of(ServerCreatedEvent.class)))
                .as("a quoted serverId inside a value is not the field").isEqualTo(2);
        assertThat(history.newest("13", List.of(ServerCreatedEvent.class))).isZero();
    }

    private void store(long position, String json) {
        jdbc.update("INSERT INTO domain_event_entry VALUES (?, '2026-11-28T12:00:00Z', ?, '1', ?, ?)", position,
                ServerCreatedEvent.class.getName(), json.getBytes(StandardCharsets.UTF_8), "s" + position);
    }
}

package io.beep.command.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The append statement of {@link AxonConfig} against the real PostgreSQL: inside a capture it
 * reports the global index each aggregate's newest event got, the same one the position query of
 * {@link EventPositions} finds. Runs on one connection with a temporary {@code domain_event_entry}
 * (it hides the event store's table for that session only), so nothing reaches the real store.
 */
class AppendedPositionsIntegrationTest {

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcEventStorageEngine engine;
    private EventPositions positions;

    @BeforeEach
    void setUp() {
        var env = System.getenv();
        dataSource = new SingleConnectionDataSource(
                env.getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/"
                        + env.getOrDefault("BEEP_EVENTS_DB", "beep_events"),
                env.getOrDefault("BEEP_PG_USER", "beep"), env.getOrDefault("BEEP_PG_PASSWORD", "beep"), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TEMP TABLE domain_event_entry (global_index BIGSERIAL PRIMARY KEY, "
                + "event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL, "
                + "sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL, "
                + "payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL, "
                + "meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))");
        // a few rows first, so positions and row numbers differ
        jdbc.execute("SELECT setval(pg_get_serial_sequence('pg_temp.domain_event_entry', 'global_index'), 1000)");
        var serializer = JacksonSerializer.defaultSerializer();
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonConfig.EVENT_SCHEMA)
                .appendEvents(AppendedPositions::appendEvents)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        positions = new EventPositions(jdbc);
    }

    @AfterEach
    void tearDown() {
        dataSource.destroy();
    }

    @Test
    void capturedPositionIsTheNewestStoredEventOfEachAggregate() {
        var message = UUID.randomUUID().toString();
        var other = UUID.randomUUID().toString();
        engine.appendEvents(event(other, 0));

        var captured = AppendedPositions.capture(() -> {
            engine.appendEvents(event(message, 0), event(message, 1), event(other, 1));
            return "sent";
        });

        assertThat(captured.result()).isEqualTo("sent");
        assertThat(captured.of(message)).isNotNull().isEqualTo(positions.latestOf(message)).isGreaterThan(1000L);
        assertThat(captured.of(other)).isEqualTo(positions.latestOf(other));
        assertThat(captured.of(message)).isEqualTo(captured.of(other) - 1);
        assertThat(positions.latestOf(message, captured)).isEqualTo(positions.latestOf(message));
    }

    @Test
    void anAggregateTheCaptureDidNotAppendToFallsBackToTheQuery() {
        var earlier = UUID.randomUUID().toString();
        engine.appendEvents(event(earlier, 0));

        var captured = AppendedPositions.capture(() -> {
            engine.appendEvents(event(UUID.randomUUID().toString(), 0));
            return null;
        });

        assertThat(captured.of(earlier)).isNull();
        assertThat(positions.latestOf(earlier, captured)).isEqualTo(positions.latestOf(earlier)).isGreaterThan(1000L);
    }

    @Test
    void appendsOutsideACaptureAreNotRecorded() {
        var aggregate = UUID.randomUUID().toString();
        engine.appendEvents(event(aggregate, 0));
        var captured = AppendedPositions.capture(() -> null);

        assertThat(positions.latestOf(aggregate)).isGreaterThan(1000L);
        assertThat(captured.positions()).isEmpty();
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Message", aggregate, sequence, "event " + sequence);
    }
}

package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The live processors' event reads ({@link TimedEventStorageEngine} with {@link GapCheckedReads},
 * built as {@link AxonConfig} builds them) against the real PostgreSQL (private schema) when
 * command-side transactions commit out of order: an insert that took its global index first but
 * commits after a later one was read leaves a gap in the token, and the event is read once it
 * commits, after the one that overtook it; none is lost or read twice.
 */
class LateCommitReadsIntegrationTest {

    private static final String SCHEMA = "late_commit_it";
    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/beep_events";
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");

    @BeforeEach
    void schema() throws Exception {
        try (var connection = connect(); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(Files.readString(
                    Path.of("../command-side/src/main/resources/db/migration/V1__axon_event_store.sql")));
        }
    }

    @Test
    void anEventCommittedAfterALaterOneWasReadIsReadOnceItCommits() throws Exception {
        var engine = engine();
        append(null, "created");
        try (var slow = connect()) {
            slow.setAutoCommit(false);
            append(slow, "joined");
            append(null, "left");

            var first = read(engine, null);
            assertThat(names(first)).containsExactly("created", "left");
            var token = (GapAwareTrackingToken) last(first).trackingToken();
            assertThat(token.getIndex()).isEqualTo(3);
            assertThat(token.getGaps()).containsExactly(2L);
            assertThat(read(engine, token)).isEmpty();

            slow.commit();
            var second = read(engine, token);
            assertThat(names(second)).containsExactly("joined");
            var after = (GapAwareTrackingToken) last(second).trackingToken();
            assertThat(after.getIndex()).isEqualTo(3);
            assertThat(after.getGaps()).isEmpty();
            assertThat(read(engine, after)).isEmpty();
        }
    }

    @Test
    void aLateEventBehindMoreThanABatchOfNewerOnesIsReadOnceItCommits() throws Exception {
        var engine = engine();
        try (var slow = connect()) {
            slow.setAutoCommit(false);
            append(slow, "late");
            for (int i = 0; i < 250; i++) {
                append(null, "e" + i);
            }
            GapAwareTrackingToken token = null;
            var seen = new ArrayList<String>();
            for (List<TrackedEventMessage<?>> batch = read(engine, token); !batch.isEmpty(); batch = read(engine, token)) {
                seen.addAll(names(batch));
                token = (GapAwareTrackingToken) last(batch).trackingToken();
            }
            assertThat(seen).hasSize(250).doesNotContain("late");
            assertThat(token.getGaps()).containsExactly(1L);

            slow.commit();
            assertThat(names(read(engine, token))).containsExactly("late");
        }
    }

    /** The processors' reader, as {@link AxonConfig#eventStorageEngine} builds it. */
    private static TimedEventStorageEngine engine() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PG + "?currentSchema=" + SCHEMA);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        var serializer = JacksonSerializer.defaultSerializer();
        return TimedEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .readEventDataWithoutGaps(GapCheckedReads::withoutGaps)
                .readEventDataWithGaps(GapCheckedReads::withGaps)
                .extendedGapCheckEnabled(false)
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonConfig.EVENT_SCHEMA)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer));
    }

    /** The events a tracking read returns after {@code from} (what the store has now). */
    private static List<TrackedEventMessage<?>> read(TimedEventStorageEngine engine, GapAwareTrackingToken from) {
        try (var events = engine.readEvents(from, false)) {
            return new ArrayList<>(events.toList());
        }
    }

    /** Appends an event named {@code name} (its identifier) now, through {@code connection} or committed at once. */
    private static void append(Connection connection, String name) throws SQLException {
        var sql = "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload, meta_data) VALUES (?, ?, 0, 'T', ?, 'java.lang.String', "
                + "'\"x\"'::bytea, '{}'::bytea)";
        try (var own = connection == null ? connect() : null) {
            var target = connection == null ? own : connection;
            try (var statement = target.prepareStatement(sql)) {
                statement.setString(1, name);
                statement.setString(2, "a-" + name);
                statement.setString(3, DateTimeUtils.formatInstant(Instant.now()));
                statement.executeUpdate();
            }
        }
    }

    private static List<String> names(List<TrackedEventMessage<?>> events) {
        return events.stream().map(TrackedEventMessage::getIdentifier).toList();
    }

    private static TrackedEventMessage<?> last(List<TrackedEventMessage<?>> events) {
        return events.get(events.size() - 1);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PG + "?currentSchema=" + SCHEMA, USER, PASSWORD);
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

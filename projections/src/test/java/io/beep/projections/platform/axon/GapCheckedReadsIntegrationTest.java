package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The event store reads with the gap check folded into one statement ({@link GapCheckedReads}),
 * against the real PostgreSQL in a private schema: a stretch of missing positions wider than a
 * batch is read past (Axon's plain window without its second query would stop in front of it),
 * and a gap the token remembers is read once its event is there.
 */
class GapCheckedReadsIntegrationTest {

    private static final String SCHEMA = "gap_reads_it";
    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/beep_events";
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");
    private static final int BATCH = 10;

    @BeforeAll
    static void schema() throws Exception {
        try (var connection = DriverManager.getConnection(PG, USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(Files.readString(
                    Path.of("../command-side/src/main/resources/db/migration/V1__axon_event_store.sql")));
            for (long index : new long[] {1, 2, 3, 40, 41, 45}) {
                statement.execute("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload, meta_data) VALUES (" + index + ", 'e" + index
                        + "', 'a" + index + "', 0, 'T', '2026-11-28T06:00:00Z', 'java.lang.String', '\"x\"'::bytea, '{}'::bytea)");
            }
        }
    }

    @Test
    void aGapWiderThanABatchIsReadPastInOneStatementPerWindow() {
        assertThat(positions(engine(true), null)).containsExactly("e1", "e2", "e3", "e40", "e41", "e45");
    }

    @Test
    void withoutTheFoldedCheckTheSameReadsStopInFrontOfTheGap() {
        assertThat(positions(engine(false), null)).containsExactly("e1", "e2", "e3");
    }

    @Test
    void aRememberedGapIsReadOnceItsEventIsThere() {
        var token = GapAwareTrackingToken.newInstance(41, List.of(3L, 39L));
        assertThat(positions(engine(true), token)).containsExactly("e3", "e45");
    }

    /** The identifiers ({@code e<global index>}) of the events a tracking read returns after {@code from}. */
    private static List<String> positions(JdbcEventStorageEngine engine, GapAwareTrackingToken from) {
        try (var events = engine.readEvents(from, false)) {
            return events.map(TrackedEventMessage::getIdentifier).collect(Collectors.toList());
        }
    }

    private static JdbcEventStorageEngine engine(boolean folded) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PG + "?currentSchema=" + SCHEMA);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        var builder = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonConfig.EVENT_SCHEMA)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(BATCH)
                .extendedGapCheckEnabled(false);
        if (folded) {
            builder.readEventDataWithoutGaps(GapCheckedReads::withoutGaps)
                    .readEventDataWithGaps(GapCheckedReads::withGaps);
        }
        return builder.build();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

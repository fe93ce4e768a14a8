package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.common.DateTimeUtils;
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
 * {@link TimedEventStorageEngine} against Axon's own engine on the same rows of the real PostgreSQL
 * (private schema): every tracked event comes with the same token (gaps kept only behind recent
 * events, as Axon's gap timeout says) and the same timestamp, from the start and from a token with gaps.
 */
class TimedEventStorageEngineIntegrationTest {

    private static final String SCHEMA = "timed_reads_it";
    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/beep_events";
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");

    @BeforeAll
    static void schema() throws Exception {
        var recent = DateTimeUtils.formatInstant(Instant.now());
        try (var connection = DriverManager.getConnection(PG, USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(Files.readString(
                    Path.of("../command-side/src/main/resources/db/migration/V1__axon_event_store.sql")));
            // 1-3 and 7 are old (no gaps kept behind them), 12, 13 and 20 recent (gaps 8-11 and 14-19 kept)
            for (long index : new long[] {1, 2, 3, 7, 12, 13, 20}) {
                var time = index <= 7 ? "2026-11-28T06:00:00.123Z" : recent;
                statement.execute("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload, meta_data) VALUES (" + index + ", 'e"
                        + index + "', 'a" + index + "', 0, 'T', '" + time + "', 'java.lang.String', '\"x\"'::bytea, '{}'::bytea)");
            }
        }
    }

    @Test
    void readsTheSameTokensAndTimestampsAsAxonsEngineFromTheStart() {
        var axon = reads(JdbcEventStorageEngine.builder(), false, null);
        var timed = reads(JdbcEventStorageEngine.builder(), true, null);
        assertThat(timed).hasSize(7).isEqualTo(axon);
        assertThat(timed.get(6)).contains("gaps=[8, 9, 10, 11, 14, 15, 16, 17, 18, 19]");
    }

    @Test
    void readsTheSameTokensAndTimestampsAsAxonsEngineFromATokenWithGaps() {
        var from = GapAwareTrackingToken.newInstance(12, List.of(5L, 8L, 9L));
        var axon = reads(JdbcEventStorageEngine.builder(), false, from);
        var timed = reads(JdbcEventStorageEngine.builder(), true, from);
        assertThat(timed).hasSize(2).isEqualTo(axon);
    }

    /** "identifier token timestamp" of every event a tracking read returns after {@code from}. */
    private static List<String> reads(JdbcEventStorageEngine.Builder builder, boolean timed, GapAwareTrackingToken from) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PG + "?currentSchema=" + SCHEMA);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        var serializer = JacksonSerializer.defaultSerializer();
        builder.connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonConfig.EVENT_SCHEMA)
                .snapshotSerializer(serializer)
                .eventSerializer(serializer);
        var engine = timed ? TimedEventStorageEngine.of(builder) : builder.build();
        try (var events = engine.readEvents(from, false)) {
            return events.map(TimedEventStorageEngineIntegrationTest::describe).collect(Collectors.toList());
        }
    }

    private static String describe(TrackedEventMessage<?> event) {
        var token = (GapAwareTrackingToken) event.trackingToken();
        return event.getIdentifier() + " index=" + token.getIndex() + " gaps=" + token.getGaps() + " at "
                + event.getTimestamp();
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

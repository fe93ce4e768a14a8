package io.beep.command.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge against the real event-store database ({@code request_idempotency},
 * {@code message_idempotency}). Its rows are dated decades back and the purge is given an age
 * between them, so no key a running service keeps is touched.
 */
class IdempotencyPurgeIntegrationTest {

    private static final Duration AGE = Duration.ofDays(25 * 365);
    private static final int BATCH = 2;

    private final String user = "purge-it-" + UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;
    private IdempotencyPurge purge;

    @BeforeEach
    void setUp() {
        var env = System.getenv();
        dataSource = new DriverManagerDataSource(
                env.getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/"
                        + env.getOrDefault("BEEP_EVENTS_DB", "beep_events"),
                env.getOrDefault("BEEP_PG_USER", "beep"), env.getOrDefault("BEEP_PG_PASSWORD", "beep"));
        jdbc = new JdbcTemplate(dataSource);
        purge = new IdempotencyPurge(jdbc, new IdempotencyProperties(null, null, BATCH), meters);
    }

    @AfterEach
    void tearDown() {
        for (var table : IdempotencyPurge.TABLES) {
            jdbc.update("DELETE FROM " + table + " WHERE user_id = ?", user);
        }
    }

    @Test
    void removesKeysOlderThanTheRetentionOnlyInBatches() {
        for (int i = 0; i < 5; i++) {
            keyAged("old-" + i, "30 years");
        }
        keyAged("fresh-decades", "20 years");
        keyAged("fresh-now", "0 seconds");

        var removed = purge.purge(AGE);

        for (var table : IdempotencyPurge.TABLES) {
            assertThat(keysOf(table)).as(table).containsExactlyInAnyOrder("fresh-decades", "fresh-now");
            assertThat(removed.get(table)).as(table).isGreaterThanOrEqualTo(5);
            assertThat(meters.counter("beep.idempotency.purged", "table", table).count()).as(table)
                    .isEqualTo(removed.get(table).doubleValue());
        }
    }

    @Test
    void skipsOldKeysAnotherTransactionHoldsAndRemovesThemLater() {
        keyAged("held", "30 years");
        keyAged("free", "30 years");
        var holder = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        holder.executeWithoutResult(status -> {
            // another instance's purge (or a request) holds this row until its transaction ends
            jdbc.queryForList("SELECT idempotency_key FROM request_idempotency WHERE user_id = ? "
                    + "AND idempotency_key = 'held' FOR UPDATE", user);
            var otherJdbc = new JdbcTemplate(new DriverManagerDataSource(
                    dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword()));
            otherJdbc.setQueryTimeout(5);
            var other = new IdempotencyPurge(otherJdbc, new IdempotencyProperties(null, null, BATCH), meters);
            other.purge(AGE);
        });

        assertThat(keysOf("request_idempotency")).containsExactly("held");
        assertThat(keysOf("message_idempotency")).isEmpty();
        purge.purge(AGE);
        assertThat(keysOf("request_idempotency")).isEmpty();
    }

    @Test
    void refusesARetentionShorterThanTenMinutes() {
        assertThatThrownBy(() -> new IdempotencyProperties(Duration.ofMinutes(1), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        var defaults = new IdempotencyProperties(null, null, 0);
        assertThat(defaults.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.purgeBatch()).isEqualTo(5_000);
    }

    private void keyAged(String key, String age) {
        jdbc.update("INSERT INTO request_idempotency (user_id, idempotency_key, request, state, created_at) "
                + "VALUES (?, ?, 'POST /api/v1/servers', 'done', now() - CAST(? AS interval))", user, key, age);
        jdbc.update("INSERT INTO message_idempotency (user_id, idempotency_key, message_id, channel_id, created_at) "
                + "VALUES (?, ?, 1, 1, now() - CAST(? AS interval))", user, "k:" + key, age);
    }

    private List<String> keysOf(String table) {
        return jdbc.queryForList("SELECT idempotency_key FROM " + table + " WHERE user_id = ?", String.class, user)
                .stream().map(k -> k.startsWith("k:") ? k.substring(2) : k).toList();
    }
}

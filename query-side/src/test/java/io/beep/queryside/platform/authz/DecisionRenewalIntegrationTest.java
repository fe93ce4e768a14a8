package io.beep.queryside.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kept decisions renewed in the background, against the real SpiceDB test instance (an isolated
 * store of this test's own: its bearer token) and the real Redis (announcements on a channel of
 * this test's own): a decision used in the last fifth of its life is asked again and kept past
 * its first end without a request waiting for SpiceDB, and a renewal that finds the permission gone
 * drops the decision at once, before it would have run out. The query side's bulk checks renew
 * their kept items the same way.
 */
class DecisionRenewalIntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BEEP_REDIS_URL", "redis://127.0.0.1:6379");
    private static final String SPICEDB = System.getenv().getOrDefault("BEEP_SPICEDB_TESTING_URL", "http://127.0.0.1:8444");
    private static final long TTL_MS = 6_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String channel = AuthzChanges.CHANNEL + ".test-" + UUID.randomUUID();
    private final String store = "renewal-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private PermissionDecisions decisions;
    private AuthzClient authz;
    private RedisClient publisher;

    @BeforeEach
    void setUp() throws Exception {
        spicedb("/v1/schema/write", Map.of("schema", """
                definition user {}
                definition doc {
                    relation reader: user
                    permission read = reader
                }
                """));
        decisions = new PermissionDecisions(new DecisionsProperties(true, TTL_MS, 50, 60_000, 0, REDIS), meters, channel);
        publisher = RedisClient.create(REDIS);
        assertThat(eventually(() -> {
            try (var connection = publisher.connect()) {
                connection.sync().publish(channel, AuthzChanges.HEARTBEAT);
            }
            return decisions.reusing() && !decisions.fresh("alice");
        })).as("subscribed to " + channel).isTrue();
        authz = new AuthzClient(JSON, new AuthzProperties(SPICEDB, store, 2_000, "minimize", 16), decisions);
    }

    @AfterEach
    void tearDown() {
        if (authz != null) {
            authz.close();
        }
        if (decisions != null) {
            decisions.close();
        }
        if (publisher != null) {
            publisher.shutdown();
        }
    }

    @Test
    void aDecisionUsedInTheLastFifthOfItsLifeIsRenewedAndOutlivesItsFirstEnd() throws Exception {
        reader("doc1", "alice", "OPERATION_TOUCH");
        long first = System.nanoTime();
        assertThat(authz.check("doc", "doc1", "read", "alice", null)).isTrue();
        assertThat(count("asked")).isEqualTo(1);

        Thread.sleep(TTL_MS * 17 / 20);
        // the bulk path (history of several channels, search across a server) renews as the single one does
        assertThat(authz.checkAll("doc", List.of("doc1"), "read", "alice", null)).as("kept, renewal started")
                .containsExactly(true);
        assertThat(eventually(() -> count("renewed") == 1)).as("renewed in the background").isTrue();

        long pastFirstEnd = TTL_MS + 500 - (System.nanoTime() - first) / 1_000_000;
        if (pastFirstEnd > 0) {
            Thread.sleep(pastFirstEnd);
        }
        assertThat(authz.check("doc", "doc1", "read", "alice", null)).isTrue();
        assertThat(count("asked")).as("no request asked SpiceDB after the first").isEqualTo(1);
        assertThat(count("kept")).isEqualTo(2);
    }

    @Test
    void aRenewalThatFindsThePermissionGoneDropsTheDecision() throws Exception {
        reader("doc2", "bob", "OPERATION_TOUCH");
        assertThat(authz.check("doc", "doc2", "read", "bob", null)).isTrue();
        // taken away without an announcement: only asking SpiceDB again can notice
        reader("doc2", "bob", "OPERATION_DELETE");

        Thread.sleep(TTL_MS * 17 / 20);
        assertThat(authz.check("doc", "doc2", "read", "bob", null)).as("still kept, renewal started").isTrue();
        assertThat(eventually(() -> count("renewed") == 1)).as("renewal answered").isTrue();

        assertThat(authz.check("doc", "doc2", "read", "bob", null)).as("dropped by the renewal, asked again").isFalse();
        assertThat(count("asked")).isEqualTo(2);
    }

    private void reader(String doc, String user, String operation) throws Exception {
        spicedb("/v1/relationships/write", Map.of("updates", List.of(Map.of(
                "operation", operation,
                "relationship", Map.of(
                        "resource", Map.of("objectType", "doc", "objectId", doc),
                        "relation", "reader",
                        "subject", Map.of("object", Map.of("objectType", "user", "objectId", user)))))));
    }

    private void spicedb(String path, Object body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(SPICEDB + path))
                .header("Authorization", "Bearer " + store)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private long count(String outcome) {
        return (long) meters.get("beep.authz.decisions").tag("outcome", outcome).counter().count();
    }

    /** Polls for up to 10 s (far beyond a local round trip; no timing is asserted). */
    private static boolean eventually(BooleanSupplier condition) {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}

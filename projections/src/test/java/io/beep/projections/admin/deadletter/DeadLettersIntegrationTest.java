package io.beep.projections.admin.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.projections.ItInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A poison event goes to the dead-letter queue with the rest of its aggregate's events while the
 * processor goes on with other aggregates; once the fix is deployed, a retry through the admin
 * route handles the parked sequence in order. Runs against the real PostgreSQL (private schemas)
 * and real Keycloak tokens; the failing handler is a test projection whose fix is a switch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DeadLettersIntegrationTest.Fixture.class)
// closed after the class: its processors would go on competing with the next context's for the private schema
@DirtiesContext
class DeadLettersIntegrationTest {

    static final String GROUP = "dead-letter-it";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    EventStore eventStore;
    @Autowired
    PoisonSensitiveProjection projection;
    @Autowired
    EventProcessingConfiguration processing;
    @LocalServerPort
    int port;

    @BeforeAll
    static void prepare() throws Exception {
        ItInfrastructure.prepare();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ItInfrastructure.register(registry);
        registry.add("axon.eventhandling.processors." + GROUP + ".mode", () -> "tracking");
        registry.add("axon.eventhandling.processors." + GROUP + ".dlq.enabled", () -> "true");
    }

    @Test
    void thePoisonEventIsParkedWithItsSequenceAndARetryAfterTheFixHandlesIt() throws Exception {
        var poisoned = nextId();
        var healthy = nextId();
        append(poisoned, 0, server(poisoned, "poison"));
        append(poisoned, 1, server(poisoned, "after the poison"));
        append(healthy, 0, server(healthy, "healthy"));
        waitUntil(() -> projection.handled.contains(healthy + ":healthy"));

        var letters = letters();
        var ofPoisoned = letters.stream().filter(l -> l.path("aggregateId").asText().equals(poisoned)).toList();
        assertThat(ofPoisoned).hasSize(2);
        assertThat(ofPoisoned.get(0).path("sequenceIndex").asLong()).isLessThan(ofPoisoned.get(1).path("sequenceIndex").asLong());
        assertThat(ofPoisoned.get(0).path("eventType").asText()).isEqualTo("ServerCreatedEvent");
        assertThat(ofPoisoned.get(0).path("causeMessage").asText()).contains("cannot handle poison");
        assertThat(letters).noneMatch(l -> l.path("aggregateId").asText().equals(healthy));
        assertThat(projection.handled).noneMatch(h -> h.startsWith(poisoned));

        projection.fixed = true;
        var retry = send("POST", "/api/v1/admin/dead-letters/" + ofPoisoned.get(0).path("id").asText() + "/retry");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("succeeded").asBoolean()).isTrue();
        assertThat(JSON.readTree(retry.body()).path("remaining").asLong()).isZero();
        assertThat(projection.handled).containsSubsequence(poisoned + ":poison", poisoned + ":after the poison");
        assertThat(letters()).noneMatch(l -> l.path("aggregateId").asText().equals(poisoned));
    }

    @Test
    void aRetryThatFailsAgainKeepsTheLetterAndEvictionDropsIt() throws Exception {
        var poisoned = nextId();
        append(poisoned, 0, server(poisoned, "poison for good"));
        waitUntil(() -> lettersUnchecked().stream().anyMatch(l -> l.path("aggregateId").asText().equals(poisoned)));
        var letter = lettersUnchecked().stream().filter(l -> l.path("aggregateId").asText().equals(poisoned))
                .findFirst().orElseThrow();
        var id = letter.path("id").asText();

        var retry = send("POST", "/api/v1/admin/dead-letters/" + id + "/retry");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("succeeded").asBoolean()).isFalse();
        assertThat(letters()).anyMatch(l -> l.path("id").asText().equals(id));

        assertThat(send("POST", "/api/v1/admin/dead-letters/" + id + "/evict").statusCode()).isEqualTo(204);
        assertThat(letters()).noneMatch(l -> l.path("id").asText().equals(id));
        assertThat(send("POST", "/api/v1/admin/dead-letters/" + id + "/retry").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/admin/dead-letters/" + id + "/evict").statusCode()).isEqualTo(404);
    }

    @Test
    void theProjectionProcessorsHaveADeadLetterQueue() {
        assertThat(processing.deadLetterQueue("server-views")).isPresent();
        assertThat(processing.deadLetterQueue("messages")).isPresent();
    }

    @Test
    void aUserWithoutTheOperatorRoleIsForbidden() throws Exception {
        var answer = send("GET", "/api/v1/admin/dead-letters", token("alice"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("FORBIDDEN");
    }

    private List<JsonNode> letters() throws Exception {
        var answer = send("GET", "/api/v1/admin/dead-letters?processor=" + GROUP);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var items = new ArrayList<JsonNode>();
        JSON.readTree(answer.body()).path("items").forEach(items::add);
        return items;
    }

    private List<JsonNode> lettersUnchecked() {
        try {
            return letters();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return send(method, path, token("admin"));
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user) throws Exception {
        var keycloak = System.getenv().getOrDefault("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180");
        var request = HttpRequest.newBuilder(URI.create(keycloak + "/realms/beep/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=beep-cli&username=" + user
                        + "&password=" + user + "-pass"))
                .build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    /** Waits, bounded, for the processor to get somewhere; what it did is asserted afterwards. */
    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void append(String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Server", aggregateId, sequence, payload));
    }

    private static String nextId() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static ServerCreatedEvent server(String id, String name) {
        return new ServerCreatedEvent(ServerId.of(id), name, "dead letters", Visibility.PRIVATE,
                UserId.of(UUID.randomUUID().toString()), RoleId.of(nextId()), Permission.everyoneDefaults(),
                ChannelId.of(nextId()), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @TestConfiguration
    static class Fixture {
        @Bean
        PoisonSensitiveProjection poisonSensitiveProjection() {
            return new PoisonSensitiveProjection();
        }
    }

    /** Cannot handle a server named "poison..." until {@link #fixed} (the deployed fix). */
    @ProcessingGroup(GROUP)
    static class PoisonSensitiveProjection {

        final List<String> handled = new CopyOnWriteArrayList<>();
        volatile boolean fixed;

        @EventHandler
        void on(ServerCreatedEvent event) {
            if (!fixed && event.name().startsWith("poison")) {
                throw new IllegalStateException("cannot handle poison " + event.serverId());
            }
            handled.add(event.serverId().value() + ":" + event.name());
        }
    }
}

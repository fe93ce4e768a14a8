package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators and analysts through the gateway: projection status and its Prometheus gauges, the
 * event history as filtered NDJSON, and the role checks (alice has none of the admin roles).
 */
class OperatorsIT {

    static final String PROJECTIONS = StackClient.env("BEEP_PROJECTIONS_URL", "http://127.0.0.1:8083");

    static String admin;
    static String alice;

    @BeforeAll
    static void signIn() {
        admin = StackClient.token("admin");
        alice = TestUsers.fresh("ops").token();
    }

    @Test
    void operatorSeesEveryProjectionWithPositionLagAndState() {
        var created = createServer();
        // A read with the consistency token returns once the server views include the new server.
        var read = get("/api/v1/servers/" + created.id(), alice, Map.of("Beep-Consistency-Token", created.token()));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);

        // The status is cached for up to a second, so it may trail the position the read just waited for.
        var byName = new java.util.HashMap<String, JsonNode>();
        long deadline = System.currentTimeMillis() + 5_000;
        do {
            var answer = get("/api/v1/admin/projections", admin);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            byName.clear();
            answer.json().path("items").forEach(item -> byName.put(item.path("name").asText(), item));
            assertThat(byName).containsKeys("server-views", "messages");
        } while (byName.get("server-views").path("position").asLong() < Long.parseLong(created.token())
                && System.currentTimeMillis() < deadline && pause());
        var views = byName.get("server-views");
        assertThat(views.path("state").asText()).isIn("running", "replaying");
        assertThat(views.path("position").asLong()).isGreaterThanOrEqualTo(Long.parseLong(created.token()));
        assertThat(views.path("headPosition").asLong()).isGreaterThanOrEqualTo(views.path("position").asLong());
        assertThat(views.path("lagEvents").asLong())
                .isEqualTo(views.path("headPosition").asLong() - views.path("position").asLong());
        assertThat(views.path("lagMillis").isNumber()).isTrue();
        assertThat(views.has("lastError")).isTrue();
    }

    @Test
    void projectionGaugesAreExportedForPrometheus() throws Exception {
        var client = HttpClient.newHttpClient();
        var response = client.send(HttpRequest.newBuilder(URI.create(PROJECTIONS + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        for (var metric : List.of("beep_projection_position", "beep_projection_lag_events", "beep_projection_lag_ms")) {
            assertThat(response.body()).contains(metric + "{processor=\"server-views\"}")
                    .contains(metric + "{processor=\"messages\"}");
        }
    }

    @Test
    void nonOperatorsAreForbiddenWithProblemJson() {
        for (var path : List.of("/api/v1/admin/projections", "/api/v1/admin/events", "/api/v1/admin/dead-letters",
                "/api/v1/admin/jobs/1")) {
            var answer = get(path, alice);
            assertThat(answer.status()).as(path + " -> " + answer).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(get(path, null).status()).as(path + " without token").isEqualTo(401);
        }
        var rebuild = post("/api/v1/admin/projections/server-views/rebuild", alice, "{}");
        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(403);
    }

    @Test
    void analystExportsTheHistoryFilteredByAggregateTypeAndPosition() {
        var created = createServer();
        long serverPosition = Long.parseLong(created.token());
        var channel = post("/api/v1/servers/" + created.id() + "/channels", alice,
                json(Map.of("name", "export", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        var channelId = channel.json().path("id").asText();
        var message = post("/api/v1/channels/" + channelId + "/messages", alice,
                json(Map.of("content", "for the analysts")));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        var messageId = message.json().path("id").asText();
        long messagePosition = Long.parseLong(message.consistencyToken());

        var ofServer = ndjson("/api/v1/admin/events?aggregateId=" + created.id());
        assertThat(ofServer).extracting(e -> e.path("type").asText()).containsExactly("ServerCreatedEvent");
        var first = ofServer.get(0);
        assertThat(first.path("schema").asText()).isEqualTo("beep.event.v1");
        assertThat(first.path("revision").asText()).isEqualTo("1");
        assertThat(first.path("position").asLong()).isEqualTo(serverPosition);
        assertThat(first.path("payload").path("serverId").asText()).isEqualTo(created.id());

        var messages = ndjson("/api/v1/admin/events?types=MessageSentEvent&from=" + serverPosition
                + "&to=" + messagePosition);
        assertThat(messages).isNotEmpty();
        assertThat(messages).allSatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("MessageSentEvent");
            assertThat(e.path("position").asLong()).isBetween(serverPosition, messagePosition);
        });
        assertThat(messages).extracting(e -> e.path("aggregateId").asText()).contains(messageId);
        var positions = messages.stream().map(e -> e.path("position").asLong()).toList();
        assertThat(positions).isSorted();

        var both = ndjson("/api/v1/admin/events?types=ServerCreatedEvent,io.beep.contracts.channel.ChannelCreatedEvent"
                + "&from=" + serverPosition + "&to=" + messagePosition);
        assertThat(both).extracting(e -> e.path("type").asText())
                .contains("ServerCreatedEvent", "ChannelCreatedEvent")
                .doesNotContain("MessageSentEvent");

        var storedAt = Instant.parse(first.path("timestamp").asText());
        var window = ndjson("/api/v1/admin/events?aggregateId=" + created.id() + "&since=" + storedAt
                + "&until=" + storedAt.plusMillis(1));
        assertThat(window).hasSize(1);
        var before = ndjson("/api/v1/admin/events?aggregateId=" + created.id() + "&until=" + storedAt);
        assertThat(before).isEmpty();
        var limited = ndjson("/api/v1/admin/events?from=" + serverPosition + "&limit=1");
        assertThat(limited).hasSize(1);
    }

    @Test
    void badExportFiltersAreProblemJson400() {
        for (var query : List.of("since=yesterday", "from=-1", "from=9&to=3", "limit=0", "types=drop%20table",
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")) {
            var answer = get("/api/v1/admin/events?" + query, admin);
            assertThat(answer.status()).as(query + " -> " + answer).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }

    private static List<JsonNode> ndjson(String path) {
        var answer = get(path, admin);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/x-ndjson");
        var events = new ArrayList<JsonNode>();
        for (var line : answer.body().split("\n")) {
            if (!line.isBlank()) {
                try {
                    events.add(StackClient.JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not one JSON value per line: " + line, e);
                }
            }
        }
        return events;
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Created createServer() {
        var server = post("/api/v1/servers", alice,
                json(Map.of("name", "Ops " + UUID.randomUUID(), "description", "operators", "visibility", "private")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return new Created(server.json().path("id").asText(), server.consistencyToken());
    }

    private record Created(String id, String token) {
    }
}

package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The foundation slice, end to end through the gateway against the running stack started by
 * {@code ./beep}: real Keycloak tokens, the event store on PostgreSQL, the server view, Permify
 * tuples written by the saga, the MongoDB-wire message view and the Kafka stream.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationSliceIT {

    static String alice;
    static String bob;
    static String serverId;
    static String channelId;
    static String messageId;
    static String messageToken;

    @BeforeAll
    static void signIn() {
        alice = StackClient.token("alice");
        bob = StackClient.token("bob");
    }

    /** The server goes away again, so alice stays far from the 50-server limit however often this runs. */
    @AfterAll
    static void deleteServer() {
        if (serverId != null) {
            var deleted = StackClient.request("DELETE", "/api/v1/servers/" + serverId, alice, null, Map.of());
            assertThat(deleted.status()).as(deleted.toString()).isIn(200, 202, 204);
        }
    }

    @Test
    @Order(1)
    void ownerCreatesServerThenChannelAtOnceAndSendsMessage() {
        var server = post("/api/v1/servers", alice,
                json(Map.of("name", "Slice " + UUID.randomUUID(), "description", "e2e", "visibility", "private")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        assertThat(server.consistencyToken()).isNotBlank();
        serverId = server.json().path("id").asText();
        assertThat(server.json().path("visibility").asText()).isEqualTo("private");

        var channel = post("/api/v1/servers/" + serverId + "/channels", alice, json(Map.of("name", "talk", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        channelId = channel.json().path("id").asText();
        assertThat(channel.json().path("serverId").asText()).isEqualTo(serverId);

        var message = post("/api/v1/channels/" + channelId + "/messages", alice,
                json(Map.of("content", "hello, beep", "nonce", "n-" + UUID.randomUUID())));
        assertThat(message.status()).as(message.toString()).isEqualTo(201);
        messageId = message.json().path("id").asText();
        messageToken = message.consistencyToken();
        assertThat(messageToken).isNotBlank();
    }

    @Test
    @Order(2)
    void historyWithConsistencyTokenShowsTheMessageOnFirstRead() {
        var history = get("/api/v1/channels/" + channelId + "/messages", alice,
                Map.of("Beep-Consistency-Token", messageToken));
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        var items = history.json().path("items");
        assertThat(items.size()).isGreaterThanOrEqualTo(1);
        assertThat(items.get(0).path("id").asText()).isEqualTo(messageId);
        assertThat(items.get(0).path("content").asText()).isEqualTo("hello, beep");
        assertThat(items.get(0).path("authorId").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void ownerReadsServerViewAndChannels() {
        var server = get("/api/v1/servers/" + serverId, alice, Map.of("Beep-Consistency-Token", messageToken));
        assertThat(server.status()).as(server.toString()).isEqualTo(200);
        assertThat(server.json().path("memberCount").asLong()).isEqualTo(1);
        var channels = get("/api/v1/servers/" + serverId + "/channels", alice,
                Map.of("Beep-Consistency-Token", messageToken));
        assertThat(channels.status()).as(channels.toString()).isEqualTo(200);
        assertThat(channels.json().path("items").findValuesAsText("name")).contains("talk");
    }

    @Test
    @Order(4)
    void nonMemberSeesNothingAndCannotPost() {
        assertThat(get("/api/v1/servers/" + serverId, bob).status()).isEqualTo(404);
        assertThat(get("/api/v1/channels/" + channelId, bob).status()).isEqualTo(404);
        assertThat(get("/api/v1/channels/" + channelId + "/messages", bob).status()).isEqualTo(404);
        var post = post("/api/v1/channels/" + channelId + "/messages", bob, json(Map.of("content", "let me in")));
        assertThat(post.status()).as(post.toString()).isEqualTo(404);
        assertThat(post.contentType()).startsWith("application/problem+json");
        var channel = post("/api/v1/servers/" + serverId + "/channels", bob, json(Map.of("name", "mine")));
        assertThat(channel.status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void missingOrBadTokenIsUnauthenticated() {
        var none = post("/api/v1/servers", null, json(Map.of("name", "x")));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        var bad = get("/api/v1/servers/" + serverId, "not.a.token");
        assertThat(bad.status()).isEqualTo(401);
        var tampered = get("/api/v1/servers/" + serverId, alice.substring(0, alice.length() - 4) + "AAAA");
        assertThat(tampered.status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void badInputIsProblemJson400() {
        for (var body : List.of("{not json", json(Map.of("name", "")), json(Map.of("name", "n".repeat(101))),
                json(Map.of("name", "ok", "visibility", "secret")))) {
            var answer = post("/api/v1/servers", alice, body);
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        var channel = post("/api/v1/servers/" + serverId + "/channels", alice, json(Map.of("name", "v", "type", "voice")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(400);
        var empty = post("/api/v1/channels/" + channelId + "/messages", alice, json(Map.of("content", "   ")));
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        var limit = get("/api/v1/channels/" + channelId + "/messages?limit=101", alice);
        assertThat(limit.status()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void eventsAreInTheEventStoreAndOnKafka() throws Exception {
        var url = StackClient.env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/beep_events";
        try (var db = DriverManager.getConnection(url, StackClient.env("BEEP_PG_USER", "beep"),
                StackClient.env("BEEP_PG_PASSWORD", "beep"));
             var query = db.prepareStatement(
                     "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier IN (?, ?) ORDER BY global_index")) {
            query.setString(1, serverId);
            query.setString(2, messageId);
            var types = new java.util.ArrayList<String>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                }
            }
            assertThat(types).containsExactly("io.beep.contracts.server.ServerCreatedEvent",
                    "io.beep.contracts.message.MessageSentEvent");
        }

        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackClient.env("BEEP_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor("beep.events.v1").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            var ends = consumer.endOffsets(partitions);
            // Start near the end: the message was published moments ago.
            partitions.forEach(p -> consumer.seek(p, Math.max(0, ends.get(p) - 500)));
            long deadline = System.currentTimeMillis() + 15_000;
            boolean found = false;
            while (!found && System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (messageId.equals(record.key())) {
                        var envelope = StackClient.JSON.readTree(record.value());
                        assertThat(envelope.path("type").asText()).isEqualTo("MessageSentEvent");
                        assertThat(envelope.path("schema").asText()).isEqualTo("beep.event.v1");
                        assertThat(envelope.path("payload").path("content").asText()).isEqualTo("hello, beep");
                        found = true;
                    }
                }
            }
            assertThat(found).as("MessageSentEvent of " + messageId + " on beep.events.v1").isTrue();
        }
    }
}

package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analysts replay a filtered slice of the history into a Kafka topic of their own as a durable job:
 * what lands in the topic is exactly what the export of the same filter returns, and the job's
 * progress is readable at {@code /api/v1/admin/jobs/{id}}.
 */
class EventReplayIT {

    static final String KAFKA = StackClient.env("BEEP_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    static String admin;
    static String user;

    @BeforeAll
    static void signIn() {
        admin = StackClient.token("admin");
        user = TestUsers.fresh("replay").token();
    }

    @Test
    void replayedTopicHoldsExactlyTheExportOfTheSameFilterKeyedByAggregate() throws Exception {
        var server = post("/api/v1/servers", user,
                json(Map.of("name", "Replay " + UUID.randomUUID(), "description", "replay", "visibility", "private")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        long from = Long.parseLong(server.consistencyToken());
        var channel = post("/api/v1/servers/" + server.json().path("id").asText() + "/channels", user,
                json(Map.of("name", "replayed", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        String to = null;
        for (int i = 0; i < 5; i++) {
            var message = post("/api/v1/channels/" + channel.json().path("id").asText() + "/messages", user,
                    json(Map.of("content", "replay me " + i)));
            assertThat(message.status()).as(message.toString()).isEqualTo(201);
            to = message.consistencyToken();
        }
        var filter = "types=MessageSentEvent,ChannelCreatedEvent&from=" + from + "&to=" + to;
        var exported = lines(get("/api/v1/admin/events?" + filter, admin));
        assertThat(exported).hasSizeGreaterThanOrEqualTo(6);

        var topic = "beep.test.replay-" + UUID.randomUUID();
        var started = post("/api/v1/admin/events/replay", admin, json(Map.of("target", topic, "filters",
                Map.of("types", List.of("MessageSentEvent", "ChannelCreatedEvent"), "from", from, "to", to))));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("kind").asText()).isEqualTo("replay");
        var job = awaitEnd(started.json().path("id").asText());
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("processed").asLong()).isEqualTo(exported.size());
        assertThat(job.path("total").asLong()).isEqualTo(exported.size());
        assertThat(job.path("etaSeconds").asLong()).isZero();
        assertThat(job.path("ratePerSecond").isNumber()).isTrue();

        var consumed = consume(topic, exported.size());
        var byPosition = new HashMap<Long, JsonNode>();
        for (var record : consumed) {
            var envelope = StackClient.JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(envelope.path("aggregateId").asText());
            byPosition.put(envelope.path("position").asLong(), envelope);
        }
        assertThat(consumed).hasSize(exported.size());
        for (var line : exported) {
            assertThat(byPosition.get(line.path("position").asLong())).isEqualTo(line);
        }
    }

    @Test
    void replayRefusesTheLiveStreamAndInvalidTopicsOrFilters() {
        for (var body : List.of(Map.of("target", "beep.events.v1"), Map.of("target", "no spaces!"),
                Map.of("target", "__consumer_offsets"), Map.of("filters", Map.of()),
                Map.of("target", "beep.test.ok", "filters", Map.of("since", "yesterday")),
                Map.of("target", "beep.test.ok", "filters", Map.of("from", 9, "to", 3)))) {
            var answer = post("/api/v1/admin/events/replay", admin, json(body));
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void replayRefusesWronglyTypedJsonInsteadOfCoercingIt() {
        for (var body : List.of("{\"target\":5,\"filters\":{\"from\":1,\"to\":1}}",
                "{\"target\":true,\"filters\":{\"from\":1,\"to\":1}}",
                "{\"target\":\"beep.test.typed\",\"filters\":{\"aggregateId\":7,\"from\":1,\"to\":1}}",
                "{\"target\":\"beep.test.typed\",\"filters\":{\"from\":1.5,\"to\":2}}",
                "{\"target\":\"beep.test.typed\",\"target\":\"beep.test.other\",\"filters\":{\"from\":1,\"to\":1}}")) {
            var answer = post("/api/v1/admin/events/replay", admin, body);
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void onlyAnalystsMayReplayAndUnknownJobsAreNotFound() {
        var answer = post("/api/v1/admin/events/replay", user, json(Map.of("target", "beep.test.forbidden")));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.json().path("code").asText()).isEqualTo("FORBIDDEN");
        var missing = get("/api/v1/admin/jobs/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    /** Polls the job until it is no longer running (the replay of a few events takes well under a second). */
    private static JsonNode awaitEnd(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var answer = get("/api/v1/admin/jobs/" + id, admin);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            if (!answer.json().path("state").asText().equals("running")) {
                return answer.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " still running after 60 s");
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> consume(String topic,
                                                                                                   int expected) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        var records = new ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long available = ends.values().stream().mapToLong(Long::longValue).sum();
            assertThat(available).as("records in " + topic).isEqualTo(expected);
            for (int polls = 0; records.size() < available && polls < 100; polls++) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<JsonNode> lines(StackClient.Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        var events = new ArrayList<JsonNode>();
        for (var line : answer.body().split("\n")) {
            if (!line.isBlank()) {
                events.add(StackClient.JSON.readTree(line));
            }
        }
        return events;
    }
}

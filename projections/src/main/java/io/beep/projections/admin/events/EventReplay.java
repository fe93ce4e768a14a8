package io.beep.projections.admin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.projections.admin.job.Job;
import io.beep.projections.admin.job.JobRunner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.stereotype.Component;

/**
 * The {@code replay} job: publishes the filtered history, in global order, into a Kafka topic as
 * {@code beep.event.v1} envelopes (the export's bytes), keyed by aggregate id. Progress is recorded
 * after each flush (every {@value #CHECKPOINT_EVERY} events or {@value #CHECKPOINT_MILLIS} ms) at an
 * event position boundary; a resumed job continues after the recorded position, so delivery is at
 * least once: the events sent after the last checkpoint before a crash are sent again.
 */
@Component
class EventReplay implements JobRunner {

    static final String KIND = "replay";
    static final int CHECKPOINT_EVERY = 20_000;
    static final long CHECKPOINT_MILLIS = 500;

    private final EventHistory history;
    private final ReplayProperties properties;
    private final ObjectMapper mapper;

    EventReplay(EventHistory history, ReplayProperties properties, ObjectMapper mapper) {
        this.history = history;
        this.properties = properties;
        this.mapper = mapper;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The job parameters of a validated request. */
    JsonNode params(String target, ReplayFilters filters) {
        var params = mapper.createObjectNode().put("target", target);
        params.set("filters", mapper.valueToTree(filters == null
                ? new ReplayFilters(null, null, null, null, null, null, null) : filters));
        return params;
    }

    @Override
    public void run(Job job, Progress progress) throws Exception {
        var target = job.params().path("target").asText();
        var query = mapper.treeToValue(job.params().path("filters"), ReplayFilters.class).query();
        if (job.total() == null) {
            long matching = history.count(query);
            progress.total(query.limit() == null ? matching : Math.min(matching, query.limit()));
        }
        var remaining = query;
        if (job.position() != null) {
            long from = query.from() == null ? job.position() + 1 : Math.max(query.from(), job.position() + 1);
            Long limit = query.limit() == null ? null : query.limit() - job.processed();
            if (limit != null && limit <= 0) {
                return;
            }
            remaining = new EventQuery(query.types(), query.aggregateId(), from, query.to(), query.since(),
                    query.until(), limit);
            if (query.to() != null && from > query.to()) {
                return;
            }
        }
        // created at the first event: an empty replay never connects
        var producer = new AtomicReference<KafkaProducer<String, byte[]>>();
        var failure = new AtomicReference<Exception>();
        var state = new long[] {job.processed(), -1, System.currentTimeMillis(), 0};
        // state: processed, last position sent, last checkpoint time, sent since checkpoint
        try {
            history.read(remaining, event -> {
                if (state[1] >= 0 && event.position() != state[1] && (state[3] >= CHECKPOINT_EVERY
                        || System.currentTimeMillis() - state[2] >= CHECKPOINT_MILLIS)) {
                    if (!checkpoint(producer.get(), failure, progress, state)) {
                        return false;
                    }
                }
                if (producer.get() == null) {
                    producer.set(new KafkaProducer<>(producerProperties()));
                }
                var value = Envelopes.toJson(event).getBytes(StandardCharsets.UTF_8);
                producer.get().send(new ProducerRecord<>(target, event.aggregateId(), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                state[0]++;
                state[1] = event.position();
                state[3]++;
                return true;
            });
            if (state[1] >= 0) {
                checkpoint(producer.get(), failure, progress, state);
            }
        } finally {
            if (producer.get() != null) {
                producer.get().close(Duration.ofSeconds(5));
            }
        }
    }

    private static boolean checkpoint(KafkaProducer<String, byte[]> producer, AtomicReference<Exception> failure,
                                      Progress progress, long[] state) throws Exception {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing to Kafka failed: " + failure.get().getMessage(),
                    failure.get());
        }
        state[2] = System.currentTimeMillis();
        state[3] = 0;
        return progress.checkpoint(state[0], state[1]);
    }

    private Properties producerProperties() {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "beep-admin-replay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}

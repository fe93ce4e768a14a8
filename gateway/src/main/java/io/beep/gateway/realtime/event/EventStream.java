package io.beep.gateway.realtime.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.realtime.RealtimeProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code beep.events.v1} on one thread: every partition (assigned, no consumer group, so each
 * gateway instance sees every event), starting from the newest record when it starts. Partitions
 * are assigned during startup (bounded wait), so an instance that reports healthy already reads. A fetch
 * returns as soon as a record is there ({@code fetch.min.bytes=1}), so an event reaches the
 * dispatcher a few milliseconds after the command side's publisher sent it. Reading pauses while
 * {@code maxInFlight} events wait for delivery (a slow authorization server cannot exhaust memory).
 */
public final class EventStream implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);

    private final RealtimeProperties.Kafka properties;
    private final String instanceId;
    private final EventDispatcher dispatcher;
    private final ObjectMapper json;
    private final Semaphore inFlight;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    /** Touched by the starting thread, then only by the reader thread. */
    private List<TopicPartition> assigned = List.of();

    public EventStream(RealtimeProperties.Kafka properties, String instanceId, EventDispatcher dispatcher,
            ObjectMapper json) {
        this.properties = properties;
        this.instanceId = instanceId;
        this.dispatcher = dispatcher;
        this.json = json;
        this.inFlight = new Semaphore(properties.maxInFlight());
    }

    @Override
    public void start() {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "beep-gateway-" + instanceId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        try {
            assigned = assign(List.of());
        } catch (RuntimeException unavailable) {
            LOG.warn("Event stream not readable yet, retrying in the background: {}", unavailable.toString());
        }
        thread = new Thread(this::run, "beep-gateway-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long nextRefresh = System.nanoTime() + (assigned.isEmpty() ? 0 : PARTITION_REFRESH.toNanos());
        while (running) {
            try {
                if (System.nanoTime() - nextRefresh >= 0) {
                    assigned = assign(assigned);
                    nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(500);
                    continue;
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            } catch (WakeupException stop) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException failure) {
                LOG.warn("Event stream read failed, retrying: {}", failure.toString());
                sleepQuietly();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Assigns every partition of the topic; new partitions start from their newest record. */
    private List<TopicPartition> assign(List<TopicPartition> current) {
        var infos = consumer.partitionsFor(properties.topic(), Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            return current;
        }
        var partitions = infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.size() != current.size() || !current.containsAll(partitions)) {
            consumer.assign(partitions);
            var added = partitions.stream().filter(p -> !current.contains(p)).toList();
            consumer.seekToEnd(added);
            added.forEach(consumer::position);
            LOG.info("Reading {} partition(s) of {} from their newest record", partitions.size(), properties.topic());
        }
        return partitions;
    }

    private void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        StreamEvent event;
        try {
            var envelope = json.readTree(record.value());
            var timestamp = envelope.path("timestamp");
            event = new StreamEvent(envelope.path("eventId").asText(null), envelope.path("type").asText(""),
                    envelope.path("position").asLong(-1), envelope.path("payload"),
                    timestamp.isTextual() ? Instant.parse(timestamp.asText()) : null);
        } catch (java.io.IOException | RuntimeException unreadable) {
            LOG.warn("Skipping an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        if (!event.payload().isObject()) {
            return;
        }
        while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
            if (!running) {
                return;
            }
            LOG.warn("{} events wait for delivery; reading paused", properties.maxInFlight());
        }
        dispatcher.accept(event).whenComplete((ok, failure) -> inFlight.release());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        var reader = thread;
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

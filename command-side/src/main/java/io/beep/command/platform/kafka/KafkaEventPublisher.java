package io.beep.command.platform.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.stream.EventEnvelopeV1;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Publishes every committed event to Kafka ({@link EventEnvelopeV1}), keyed by aggregate id.
 * A tracking processor in the JVM that appends the events, so it wakes on commit; the batch's
 * token is stored only after Kafka acknowledged every record of it: at least once, in order per
 * aggregate.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSOR)
@ConditionalOnProperty(name = "beep.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaEventPublisher {

    static final String PROCESSOR = "kafka-publisher";
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";

    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper mapper;
    private final String topic;

    KafkaEventPublisher(KafkaProperties properties, ObjectMapper mapper) {
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "beep-command-side");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.mapper = mapper;
        this.topic = properties.topic();
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) throws Exception {
        String aggregateId = message.getIdentifier();
        String aggregateType = null;
        long sequence = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateType = domain.getType();
            sequence = domain.getSequenceNumber();
        }
        var revision = payload.getClass().getAnnotation(EventRevision.class);
        var envelope = new EventEnvelopeV1(EventEnvelopeV1.SCHEMA, message.getIdentifier(),
                payload.getClass().getSimpleName(), revision == null ? null : revision.value(),
                aggregateType, aggregateId, sequence, token.position().orElse(-1), message.getTimestamp(),
                mapper.writeValueAsString(payload));
        var record = new ProducerRecord<>(topic, aggregateId, mapper.writeValueAsBytes(envelope));
        pendingSends().add(producer.send(record));
    }

    /** The sends of the current batch; the batch commits only once all of them are acknowledged. */
    private List<Future<RecordMetadata>> pendingSends() {
        var unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        producer.flush();
        for (var send : pending) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing to Kafka", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not accept an event; the batch will be retried", e.getCause());
            }
        }
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

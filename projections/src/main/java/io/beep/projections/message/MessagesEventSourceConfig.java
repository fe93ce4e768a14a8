package io.beep.projections.message;

import io.beep.projections.platform.axon.AxonProperties;
import io.beep.projections.platform.axon.LingeringEventSource;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code messages} processor's source ({@code axon.eventhandling.processors.messages.source}):
 * the event store, with batches that wait a little for more events under load, since each of its
 * batches has a fixed cost ({@link MessageStore}'s counter updates and inserts, the token).
 */
@Configuration(proxyBeanMethods = false)
class MessagesEventSourceConfig {

    @Bean
    LingeringEventSource messagesEventSource(EmbeddedEventStore eventStore, AxonProperties properties,
                                             EventProcessorProperties processors) {
        var settings = processors.getProcessors().get(MessageProjection.PROCESSING_GROUP);
        return new LingeringEventSource(eventStore, Duration.ofMillis(properties.messagesLingerMs()),
                settings == null ? 1 : settings.getBatchSize());
    }
}

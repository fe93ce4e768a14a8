package io.beep.projections.admin.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where replays publish.
 *
 * @param kafkaBootstrap Kafka bootstrap servers ({@code BEEP_KAFKA_BOOTSTRAP})
 * @param sourceTopic    the live event stream, never a replay target
 */
@ConfigurationProperties("beep.admin.replay")
public record ReplayProperties(String kafkaBootstrap, String sourceTopic) {

    public ReplayProperties {
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            kafkaBootstrap = "127.0.0.1:9092";
        }
        if (sourceTopic == null || sourceTopic.isBlank()) {
            sourceTopic = "beep.events.v1";
        }
    }
}

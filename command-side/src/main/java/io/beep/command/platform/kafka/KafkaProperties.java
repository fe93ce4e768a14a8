package io.beep.command.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the public event stream goes. */
@ConfigurationProperties("beep.kafka")
public record KafkaProperties(String bootstrap, String topic, boolean enabled) {
}

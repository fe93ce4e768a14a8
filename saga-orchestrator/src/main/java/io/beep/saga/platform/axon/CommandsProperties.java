package io.beep.saga.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The command side's gRPC address, where sagas send their commands. */
@ConfigurationProperties("beep.commands")
public record CommandsProperties(String target, long timeoutMs) {
}

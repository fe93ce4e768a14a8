package io.beep.projections.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often the event store is polled for events other services appended: the floor of the
 * projections' lag while they are caught up.
 */
@ConfigurationProperties("beep.axon")
public record AxonProperties(long fetchDelayMs) {

    public AxonProperties {
        if (fetchDelayMs <= 0) {
            fetchDelayMs = 25;
        }
    }
}

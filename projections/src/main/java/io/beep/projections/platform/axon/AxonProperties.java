package io.beep.projections.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections read the event store.
 *
 * @param fetchDelayMs      how often the event store is polled for events other services appended:
 *                          the floor of the projections' lag while they are caught up
 * @param messagesLingerMs  how long a batch of the {@code messages} processor may wait for more
 *                          events while events come faster than it handles them
 *                          ({@link LingeringEventSource}; 0 never waits)
 */
@ConfigurationProperties("beep.axon")
public record AxonProperties(long fetchDelayMs, @DefaultValue("20") long messagesLingerMs) {

    public AxonProperties {
        if (fetchDelayMs <= 0) {
            fetchDelayMs = 25;
        }
        if (messagesLingerMs < 0) {
            messagesLingerMs = 0;
        }
    }
}

package io.beep.projections.platform.axon;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters that bring stored events to their newest revision, in order. None exist yet: every
 * event type is at revision 1. A new revision of an event adds its upcaster here, and a stored
 * sample of the old form under {@code src/test/resources/events/} (the sample test fails without
 * one).
 */
@Configuration
public class EventUpcasters {

    /** Every upcaster, oldest revision first. */
    public static List<EventUpcaster> all() {
        return List.of();
    }

    /** The chain the event store and the history export apply. */
    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }

    @Bean
    ConfigurerModule registerEventUpcasters() {
        return configurer -> all().forEach(upcaster -> configurer.registerEventUpcaster(c -> upcaster));
    }
}

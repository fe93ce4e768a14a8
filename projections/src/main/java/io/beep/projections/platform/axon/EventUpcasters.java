package io.beep.projections.platform.axon;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters that bring stored events to their newest revision, in order: the steps of
 * {@link io.beep.contracts.common.EventUpcasts} (shared with command-side and saga-orchestrator), each
 * through {@link ContractUpcaster}. A new revision of an event adds its step there, and a stored sample
 * of the old form under {@code src/test/resources/events/} (the sample test fails without one).
 */
@Configuration
public class EventUpcasters {

    /** Every upcaster, oldest revision first. */
    public static List<EventUpcaster> all() {
        return List.copyOf(ContractUpcaster.all());
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

package io.beep.command.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the schema evolution steps of api-contracts ({@link ContractUpcaster#all()}) with this
 * service's event store, so events stored at an older revision load in their current shape.
 */
@Configuration
public class ContractUpcasters {

    @Bean
    ConfigurerModule registerContractUpcasters() {
        return configurer -> ContractUpcaster.all().forEach(upcaster -> configurer.registerEventUpcaster(c -> upcaster));
    }
}

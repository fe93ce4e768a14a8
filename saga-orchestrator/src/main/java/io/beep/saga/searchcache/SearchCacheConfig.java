package io.beep.saga.searchcache;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The invalidation processor starts at the head of the event store the first time it runs: past
 * changes have no cache entries left to invalidate (they live 60 s).
 */
@Configuration
class SearchCacheConfig {

    @Bean
    ConfigurerModule viewableChannelsInvalidationProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(ViewableChannelsInvalidation.PROCESSOR)
                .registerTrackingEventProcessorConfiguration(ViewableChannelsInvalidation.PROCESSOR,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}

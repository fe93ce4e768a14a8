package io.beep.command.attachment;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The attachment-files processor retries a failed batch (an S3 outage) instead of skipping it. */
@Configuration(proxyBeanMethods = false)
class AttachmentConfig {

    @Bean
    ConfigurerModule attachmentFilesErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                AttachmentFiles.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}

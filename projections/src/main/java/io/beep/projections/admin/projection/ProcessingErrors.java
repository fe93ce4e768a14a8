package io.beep.projections.admin.projection;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Remembers the newest handler failure of each processor. It wraps Axon's default listener error
 * handling (log the failure, go on with the next event) without changing it; processors with a
 * dead-letter queue park failed events before this handler is asked.
 */
@Configuration
public class ProcessingErrors {

    private final Map<String, ProcessingError> newest = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** The newest failure of {@code processor}. */
    public Optional<ProcessingError> newest(String processor) {
        return Optional.ofNullable(newest.get(processor));
    }

    /** Records a failure of {@code processor}. */
    public void record(String processor, Throwable failure, String eventType) {
        newest.put(processor, new ProcessingError(describe(failure), eventType, clock.instant()));
    }

    static String describe(Throwable failure) {
        var message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Bean
    ConfigurerModule recordingListenerErrors() {
        var logging = new LoggingErrorHandler();
        ListenerInvocationErrorHandler recording = (Exception exception, EventMessage<?> event,
                                                    EventMessageHandler handler) -> {
            record(groupOf(handler), exception, event.getPayloadType().getSimpleName());
            logging.onError(exception, event, handler);
        };
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> recording);
    }

    private static String groupOf(EventMessageHandler handler) {
        var type = handler.getTargetType();
        var group = type.getAnnotation(ProcessingGroup.class);
        return group != null ? group.value() : type.getPackageName();
    }
}

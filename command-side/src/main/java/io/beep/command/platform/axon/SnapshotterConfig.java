package io.beep.command.platform.axon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's snapshotter, as Spring Boot would make it, but taking snapshots on one background thread: the
 * command whose commit crosses a snapshot threshold answers at once instead of waiting for the
 * aggregate to be read, serialized and stored again (seconds for a server with tens of thousands of
 * members). A snapshot that fails or is lost with the JVM only costs a longer load next time.
 */
@org.springframework.context.annotation.Configuration
public class SnapshotterConfig implements DisposableBean {

    /** Not a bean: an Executor bean would switch off Spring Boot's own task executor. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "axon-snapshotter");
        thread.setDaemon(true);
        return thread;
    });

    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}

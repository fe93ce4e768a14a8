package io.beep.command.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/** Axon on PostgreSQL: snake_case tables created by Flyway, JSON events with revisions. */
@org.springframework.context.annotation.Configuration
public class AxonConfig {

    /** The event table layout of {@code V1__axon.sql}. */
    public static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    @Bean
    public EventSchema eventSchema() {
        return EVENT_SCHEMA;
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public RevisionResolver revisionResolver() {
        return new BeepRevisionResolver();
    }

    /**
     * Events as JSON rows in PostgreSQL, appended in the caller's transaction and read without one
     * ({@link ReadsOutsideTransactions}); snapshots as JSON of the aggregate's fields
     * ({@link SnapshotSerializer}; not a bean: a second unqualified serializer bean would
     * replace Axon's general one). An append can report the positions it took ({@link AppendedPositions}).
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .readEventDataWithoutGaps(GapCheckedReads::withoutGaps)
                .readEventDataWithGaps(GapCheckedReads::withGaps)
                .extendedGapCheckEnabled(false)
                .snapshotSerializer(SnapshotSerializer.create())
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(new ReadsOutsideTransactions(transactionManager))
                .schema(EVENT_SCHEMA)
                .appendEvents(AppendedPositions::appendEvents)
                .build();
    }

    /** The embedded store, polling for other JVMs' events every {@code fetch-delay} ms. */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         @Value("${beep.axon.fetch-delay-ms:50}") long fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(fetchDelay)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /** Domain errors travel as typed details on every command handled here. */
    @Bean
    public ConfigurerModule domainErrorInterceptor() {
        return configurer -> configurer.onInitialize(config -> config.onStart(
                () -> config.commandBus().registerHandlerInterceptor(new DomainErrorInterceptor())));
    }
}

package io.beep.projections.platform.axon;

import io.beep.projections.platform.db.DataSources;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * Axon across two databases. Events are read from {@code beep_events} (written by the command
 * side; this service never appends) with the command side's snake_case schema and revisions.
 * Tokens live in {@code beep_views}, next to the views, in the transaction of each batch, so a view
 * and its token commit together.
 */
@org.springframework.context.annotation.Configuration
public class AxonConfig {

    /** The command side's event table layout ({@code V1__axon_event_store.sql} there). */
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

    /** The token table of {@code db/views/V1__server_views.sql}. */
    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    @Bean
    public EventSchema eventSchema() {
        return EVENT_SCHEMA;
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TOKEN_SCHEMA;
    }

    @Bean
    public RevisionResolver revisionResolver() {
        return new BeepRevisionResolver();
    }

    /** Connections to the views database, bound to the Spring transaction of the current batch. */
    @Bean
    public ConnectionProvider connectionProvider(DataSource viewsDataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(viewsDataSource));
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(TOKEN_SCHEMA)
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .build();
    }

    /**
     * Reads the command side's events. Its connections come straight from the events pool, outside
     * the views transaction.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier(DataSources.EVENTS) DataSource eventsDataSource,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration) {
        return TimedEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .readEventDataWithoutGaps(GapCheckedReads::withoutGaps)
                .readEventDataWithGaps(GapCheckedReads::withGaps)
                .extendedGapCheckEnabled(false)
                .connectionProvider(new DataSourceConnectionProvider(eventsDataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(EVENT_SCHEMA)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter()));
    }

    /** The embedded store, polling for newly appended events every {@code fetch-delay-ms}. */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         AxonProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(properties.fetchDelayMs())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }
}

package io.beep.projections.admin.rebuild;

import io.beep.projections.platform.axon.AxonConfig;
import io.beep.projections.platform.axon.TimedEventStorageEngine;
import io.beep.projections.platform.db.DataSources;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The event store as a rebuild reads it: Axon's own JDBC reader (same schema, serializers and
 * upcasters as the live processors, gap-aware tokens) with large batches.
 */
@Component
class RebuildEvents {

    private final DataSource events;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final Configuration configuration;
    private final RebuildProperties properties;
    private final JdbcTemplate db;
    /** Axon's reader per batch size. */
    private final Map<Integer, JdbcEventStorageEngine> engines = new ConcurrentHashMap<>();

    RebuildEvents(@Qualifier(DataSources.EVENTS) DataSource events, Serializer serializer,
                  @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
                  RebuildProperties properties) {
        this.events = events;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.configuration = configuration;
        this.properties = properties;
        this.db = new JdbcTemplate(events);
    }

    /**
     * The events after {@code token} (from the start when null) up to the current head, in order,
     * read {@code batch} at a time (at most {@link RebuildProperties#readBatch}).
     */
    Stream<? extends TrackedEventMessage<?>> after(TrackingToken token, int batch) {
        return engine(Math.max(1, Math.min(batch, properties.readBatch()))).readEvents(token, false);
    }

    /** The position of the newest event, 0 when there is none. */
    long head() {
        Long head = db.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** How many events come after {@code position}. */
    long countAfter(long position) {
        Long count = db.queryForObject("select count(*) from domain_event_entry where global_index > ?", Long.class,
                position);
        return count == null ? 0 : count;
    }

    private JdbcEventStorageEngine engine(int batch) {
        return engines.computeIfAbsent(batch, size -> TimedEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(events))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(AxonConfig.EVENT_SCHEMA)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .batchSize(size)));
    }
}

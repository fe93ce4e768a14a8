package io.beep.command.server;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots and the aggregate cache of {@link Server}, named in its {@code @Aggregate}.
 *
 * <p>The cache is per JVM. With several command-side instances a cached server can be stale (another
 * instance appended since); the append then collides on (aggregate id, sequence number), the command
 * fails with 409 CONFLICT ("changed concurrently; retry"), the unit of work rolls back and evicts the
 * entry, and the retry loads the current state. No event is ever lost or written twice: optimistic
 * locking on the sequence number guards every append, cached or not. Weak references: the garbage
 * collector may drop an idle server at any time, the next command then reloads it from its snapshot.
 */
@Configuration
class ServerRepositoryConfig {

    @Bean
    SnapshotTriggerDefinition serverSnapshotTrigger(Snapshotter snapshotter, ServerAggregateProperties properties) {
        return properties.snapshotThreshold() > 0
                ? new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold())
                : NoSnapshotTriggerDefinition.INSTANCE;
    }

    @Bean
    Cache serverCache(ServerAggregateProperties properties) {
        return properties.cache() ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    /** Snapshots of another {@link Server} revision are skipped: the server is rebuilt from its events. */
    @Bean
    SnapshotFilter serverSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type("Server").revision(Server.SNAPSHOT_REVISION).build();
    }
}

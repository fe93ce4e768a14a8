package io.beep.command.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the {@link Server} aggregate is loaded: a snapshot after every {@code snapshotThreshold} events
 * read or applied since the last one (0 = no snapshots), and whether this JVM keeps loaded servers in a
 * cache ({@code cache}). Both are on by default; turning them off changes speed, never behaviour.
 */
@ConfigurationProperties("beep.server.aggregate")
public record ServerAggregateProperties(int snapshotThreshold, boolean cache) {
}

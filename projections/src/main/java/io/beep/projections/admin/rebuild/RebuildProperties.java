package io.beep.projections.admin.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of rebuilds ({@code beep.admin.rebuild}).
 *
 * @param readBatch     events read from the store per query
 * @param chunk         events applied per transaction (PostgreSQL) and between progress checkpoints
 * @param switchLag     the copy switches once it is at most this many events behind the store head
 * @param dropGraceMs   how long an old copy survives the switch, so readers that cached the old
 *                      pointer (query-side caches it for a second) finish with it
 * @param pauseTimeoutMs how long to wait for the live processor to pause for the switch
 */
@ConfigurationProperties("beep.admin.rebuild")
public record RebuildProperties(int readBatch, int chunk, long switchLag, long dropGraceMs, long pauseTimeoutMs) {

    public RebuildProperties {
        readBatch = readBatch < 1 ? 5_000 : readBatch;
        chunk = chunk < 1 ? 5_000 : chunk;
        switchLag = switchLag < 1 ? 2_000 : switchLag;
        dropGraceMs = dropGraceMs < 1 ? 5_000 : dropGraceMs;
        pauseTimeoutMs = pauseTimeoutMs < 1 ? 60_000 : pauseTimeoutMs;
    }
}

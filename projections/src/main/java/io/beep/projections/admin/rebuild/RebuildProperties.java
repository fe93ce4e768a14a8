package io.beep.projections.admin.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of rebuilds ({@code beep.admin.rebuild}).
 *
 * @param readBatch     events read from the store per query (at most a chunk's: each chunk reads anew)
 * @param chunk         events applied per transaction (PostgreSQL) and between progress checkpoints
 * @param overlappedChunk at most this many events per chunk where a chunk is written while the next
 *                      is handled (Mongo copies): two chunks' documents are then in memory at once
 *                      (at 5,000, G1's collections took a quarter of the JVM's CPU in the rebuild
 *                      bench, docs/benchmarks.md)
 * @param switchLag     the copy switches once it is at most this many events behind the store head
 * @param dropGraceMs   how long an old copy survives the switch, so readers that cached the old
 *                      pointer (query-side caches it for a second) finish with it
 * @param pauseTimeoutMs how long to wait for the live processor to pause for the switch
 */
@ConfigurationProperties("beep.admin.rebuild")
public record RebuildProperties(int readBatch, int chunk, int overlappedChunk, long switchLag, long dropGraceMs,
                                long pauseTimeoutMs) {

    public RebuildProperties {
        readBatch = readBatch < 1 ? 5_000 : readBatch;
        chunk = chunk < 1 ? 5_000 : chunk;
        overlappedChunk = overlappedChunk < 1 ? 2_000 : overlappedChunk;
        switchLag = switchLag < 1 ? 2_000 : switchLag;
        dropGraceMs = dropGraceMs < 1 ? 5_000 : dropGraceMs;
        pauseTimeoutMs = pauseTimeoutMs < 1 ? 60_000 : pauseTimeoutMs;
    }
}

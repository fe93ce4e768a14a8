package io.beep.queryside.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Allowed permission decisions kept in memory ({@link PermissionDecisions}): on or off, how long one
 * is kept at most, how long after a relationship change (or a new subscription) checks are fully
 * consistent (longer than SpiceDB's quantization window), how long the announcement channel may be
 * silent (no heartbeat) before nothing is reused, how many are kept, and the Redis that carries the
 * announcements.
 */
@ConfigurationProperties("beep.authz-decisions")
public record DecisionsProperties(Boolean enabled, long ttlMs, long floorMs, long silenceMs, int maxEntries,
                                  String redisUrl) {

    public DecisionsProperties {
        enabled = enabled == null || enabled;
        ttlMs = ttlMs <= 0 ? 120_000 : ttlMs;
        floorMs = floorMs <= 0 ? 3_000 : floorMs;
        silenceMs = silenceMs <= 0 ? 7_000 : silenceMs;
        maxEntries = maxEntries <= 0 ? 100_000 : maxEntries;
        redisUrl = redisUrl == null || redisUrl.isBlank() ? "redis://127.0.0.1:6379" : redisUrl;
    }
}

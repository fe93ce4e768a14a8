package io.beep.command.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the authorization server (SpiceDB) answers, its pre-shared key, how long a check may take
 * before we fail closed, and whether checks without a consistency token read the newest data
 * ({@code full}) or may use a cached snapshot ({@code minimize}), and how many checks this instance
 * has in flight at most ({@link AuthzClient}: the rest wait for a turn within the same time limit).
 */
@ConfigurationProperties("beep.authz")
public record AuthzProperties(String url, String key, long timeoutMs, String consistency, Integer maxInFlight) {

    public AuthzProperties {
        maxInFlight = maxInFlight == null || maxInFlight <= 0 ? 16 : maxInFlight;
    }
}

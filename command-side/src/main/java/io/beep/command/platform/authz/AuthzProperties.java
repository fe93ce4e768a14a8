package io.beep.command.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the authorization server (SpiceDB) answers, its pre-shared key, how long a check may take
 * before we fail closed, and whether checks without a consistency token read the newest data
 * ({@code full}) or may use a cached snapshot ({@code minimize}).
 */
@ConfigurationProperties("beep.authz")
public record AuthzProperties(String url, String key, long timeoutMs, String consistency) {
}

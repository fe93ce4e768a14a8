package io.beep.saga.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the authorization server (SpiceDB) answers, its pre-shared key, and how long one call may take. */
@ConfigurationProperties("beep.authz")
public record AuthzProperties(String url, String key, long timeoutMs) {
}

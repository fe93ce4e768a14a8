package io.beep.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The refusal of access tokens of disabled or deleted users: on or off, the Redis holding the set,
 * and how often the gateway re-reads it into its local copy.
 */
@ConfigurationProperties("beep.revocation")
public record RevocationProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("redis://127.0.0.1:6379") String redisUrl,
                                   @DefaultValue("1s") Duration refreshInterval) {
}

package io.beep.saga.platform.permify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Permify answers and how long one call may take. */
@ConfigurationProperties("beep.permify")
public record PermifyProperties(String url, String tenant, long timeoutMs) {
}

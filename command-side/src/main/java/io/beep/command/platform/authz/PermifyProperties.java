package io.beep.command.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where Permify answers, and how long a check may take before we fail closed. */
@ConfigurationProperties("beep.permify")
public record PermifyProperties(String url, String tenant, long timeoutMs) {
}

package io.beep.queryside.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Permify answers, how long a check may take before we fail closed, and how many checks run
 * at once when a list is filtered.
 */
@ConfigurationProperties("beep.permify")
public record PermifyProperties(String url, String tenant, long timeoutMs, int parallelChecks) {

    public PermifyProperties {
        if (parallelChecks <= 0) {
            parallelChecks = 16;
        }
    }
}

package io.beep.queryside.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gRPC addresses of the services that report their progress: the projections (views) and
 * the saga-orchestrator (authorization relationships), and the longest a read waits for them.
 */
@ConfigurationProperties("beep.consistency")
public record ConsistencyProperties(String projectionsTarget, String sagaTarget, long timeoutMs) {

    public ConsistencyProperties {
        if (timeoutMs <= 0) {
            timeoutMs = 5000;
        }
    }
}

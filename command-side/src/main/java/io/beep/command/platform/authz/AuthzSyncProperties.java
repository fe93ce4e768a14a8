package io.beep.command.platform.authz;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The saga-orchestrator's gRPC address (it writes the tuples) and the longest wait for it. */
@ConfigurationProperties("beep.authz-sync")
public record AuthzSyncProperties(String target, long timeoutMs) {
}

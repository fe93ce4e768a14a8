package io.beep.projections.admin.job;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The job executor.
 *
 * @param instanceId names this instance as the owner of the jobs it starts; a restarted instance
 *                   with the same id resumes them
 * @param threads    how many jobs run at once
 */
@ConfigurationProperties("beep.admin.jobs")
public record JobsProperties(String instanceId, int threads) {

    public JobsProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = "projections";
        }
        if (threads < 1) {
            threads = 2;
        }
    }
}

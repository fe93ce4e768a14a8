package io.beep.projections.admin.rebuild;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.projections.admin.job.Job;
import io.beep.projections.admin.job.JobView;
import io.beep.projections.admin.job.Jobs;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/projections/{name}/rebuild} (operator or app-admin): starts a
 * blue/green {@code rebuild} job of the processor; answers 202 with the job and its
 * {@code Location} ({@code /api/v1/admin/jobs/{id}}). Unknown processor 404; a processor whose
 * storage is not known to {@link RebuildTargets} 400; a rebuild of it already running 409.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
class RebuildController {

    private final Jobs jobs;
    private final ProjectionRebuild rebuild;
    private final RebuildTargets targets;
    private final EventProcessingConfiguration processing;

    RebuildController(Jobs jobs, ProjectionRebuild rebuild, RebuildTargets targets,
                      EventProcessingConfiguration processing) {
        this.jobs = jobs;
        this.rebuild = rebuild;
        this.targets = targets;
        this.processing = processing;
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<JobView> rebuild(@PathVariable String name) {
        if (name.length() > 255 || processing.eventProcessor(name).isEmpty()) {
            throw DomainException.notFound("projection");
        }
        if (targets.of(name).isEmpty()) {
            throw DomainException.invalid("the projection " + name + " has no rebuildable storage");
        }
        Job job;
        synchronized (this) {
            boolean running = jobs.list(ProjectionRebuild.KIND, Job.RUNNING, null, 200).stream()
                    .anyMatch(j -> name.equals(j.params().path("processor").asText()));
            if (running) {
                throw new DomainException(ErrorCode.CONFLICT, "a rebuild of " + name + " is already running");
            }
            var copy = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            job = jobs.start(ProjectionRebuild.KIND, rebuild.params(name, copy));
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/jobs/" + job.id()))
                .body(JobView.of(job, Instant.now()));
    }
}

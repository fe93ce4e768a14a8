package io.beep.projections.admin.job;

import io.beep.contracts.common.DomainException;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/jobs/{id}} (operator, analyst or app-admin): one job's progress; unknown id is 404. */
@RestController
@RequestMapping("/api/v1/admin/jobs")
class JobsController {

    private final Jobs jobs;

    JobsController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        if (id.length() > 64) {
            throw DomainException.notFound("job");
        }
        return jobs.find(id).map(job -> JobView.of(job, Instant.now()))
                .orElseThrow(() -> DomainException.notFound("job"));
    }
}

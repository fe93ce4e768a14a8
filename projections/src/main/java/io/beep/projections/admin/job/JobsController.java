package io.beep.projections.admin.job;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Page;
import io.beep.projections.platform.web.Roles;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/jobs} (operator, analyst or app-admin): {@code GET} lists jobs newest first
 * ({@code kind}, {@code state}, {@code after}, {@code limit} 1..200, default 50), {@code GET /{id}} shows
 * one job's progress, {@code POST /{id}/cancel} stops a running one. Cancelling needs the role that may
 * start the kind: {@code rebuild} operator, {@code replay} analyst, anything app-admin. Unknown id is
 * 404; a job that already ended is 409.
 */
@RestController
@RequestMapping("/api/v1/admin/jobs")
class JobsController {

    private static final Set<String> STATES = Set.of(Job.RUNNING, Job.SUCCEEDED, Job.FAILED, Job.CANCELLED);
    private static final Map<String, String> STARTED_BY = Map.of("rebuild", Roles.OPERATOR, "replay", Roles.ANALYST);

    private final Jobs jobs;

    JobsController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    Page<JobView> list(@RequestParam(required = false) String kind, @RequestParam(required = false) String state,
                       @RequestParam(required = false) String after,
                       @RequestParam(required = false, defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw DomainException.invalid("limit must be between 1 and 200");
        }
        if (state != null && !STATES.contains(state)) {
            throw DomainException.invalid("state must be one of running, succeeded, failed, cancelled");
        }
        if ((kind != null && kind.length() > 64) || (after != null && after.length() > 64)) {
            throw DomainException.invalid("kind and after are at most 64 characters");
        }
        var now = Instant.now();
        var page = jobs.list(kind, state, after, limit).stream().map(job -> JobView.of(job, now)).toList();
        return new Page<>(page, page.size() == limit ? page.get(page.size() - 1).id() : null);
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable String id) {
        if (id.length() > 64) {
            throw DomainException.notFound("job");
        }
        return jobs.find(id).map(job -> JobView.of(job, Instant.now()))
                .orElseThrow(() -> DomainException.notFound("job"));
    }

    /** 202 with the job while it stops; 200 once it has ended {@code cancelled}. */
    @PostMapping("/{id}/cancel")
    ResponseEntity<JobView> cancel(@PathVariable String id, Authentication caller) throws InterruptedException {
        var job = id.length() > 64 ? null : jobs.find(id).orElse(null);
        if (job == null) {
            throw DomainException.notFound("job");
        }
        var role = STARTED_BY.get(job.kind());
        if (!has(caller, Roles.APP_ADMIN) && (role == null || !has(caller, role))) {
            throw new DomainException(ErrorCode.FORBIDDEN, "cancelling a " + job.kind() + " job needs the role "
                    + (role == null ? Roles.APP_ADMIN : role + " or " + Roles.APP_ADMIN));
        }
        if (!Job.RUNNING.equals(job.state())) {
            throw new DomainException(ErrorCode.CONFLICT, "the job already ended " + job.state());
        }
        var now = jobs.cancel(id).orElseThrow();
        // a runner stops at its next checkpoint, normally within a second
        for (int i = 0; i < 50 && Job.RUNNING.equals(now.state()); i++) {
            Thread.sleep(100);
            now = jobs.find(id).orElseThrow();
        }
        var view = JobView.of(now, Instant.now());
        return Job.RUNNING.equals(now.state()) ? ResponseEntity.accepted().body(view) : ResponseEntity.ok(view);
    }

    private static boolean has(Authentication caller, String role) {
        return caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + role)::equals);
    }
}

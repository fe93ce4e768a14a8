package io.beep.projections.admin.events;

import io.beep.projections.admin.job.JobView;
import io.beep.projections.admin.job.Jobs;
import io.beep.contracts.common.DomainException;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/events/replay} (analyst or app-admin): starts a {@code replay} job that
 * republishes the filtered history into {@code target}, a Kafka topic other than the live stream;
 * answers 202 with the job and its {@code Location} ({@code /api/v1/admin/jobs/{id}}).
 */
@RestController
@RequestMapping("/api/v1/admin/events")
class ReplayController {

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private final Jobs jobs;
    private final EventReplay replay;
    private final ReplayProperties properties;

    ReplayController(Jobs jobs, EventReplay replay, ReplayProperties properties) {
        this.jobs = jobs;
        this.replay = replay;
        this.properties = properties;
    }

    @PostMapping("/replay")
    ResponseEntity<JobView> replay(@RequestBody ReplayRequest request) {
        if (request == null) {
            throw DomainException.invalid("the body must be {target, filters}");
        }
        var target = request.target();
        if (target == null || !TOPIC.matcher(target).matches() || target.equals(".") || target.equals("..")
                || target.startsWith("__")) {
            throw DomainException.invalid("target must be a Kafka topic name: 1 to 249 of letters, digits, "
                    + "'.', '_' and '-', not starting with '__'");
        }
        if (target.equals(properties.sourceTopic())) {
            throw DomainException.invalid("target must not be the live event stream " + properties.sourceTopic());
        }
        if (request.filters() != null) {
            request.filters().query();
        }
        var job = jobs.start(EventReplay.KIND, replay.params(target, request.filters()));
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/jobs/" + job.id()))
                .body(JobView.of(job, Instant.now()));
    }
}

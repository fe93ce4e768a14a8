package io.beep.projections.admin.projection;

import io.beep.contracts.common.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/projections} (operator or app-admin). */
@RestController
@RequestMapping("/api/v1/admin/projections")
class ProjectionsController {

    private final ProjectionStatuses statuses;

    ProjectionsController(ProjectionStatuses statuses) {
        this.statuses = statuses;
    }

    @GetMapping
    Page<ProjectionStatus> list() {
        return new Page<>(statuses.all(), null);
    }
}

package io.beep.projections.admin.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges per processor (tag {@code processor}): {@code beep_projection_position},
 * {@code beep_projection_lag_events}, {@code beep_projection_lag_ms}, {@code beep_projection_up}
 * (1 while running or replaying) and {@code beep_projection_error} (1 in error). An unknown value
 * is NaN.
 */
@Component
class ProjectionMetrics {

    private final ProjectionStatuses statuses;
    private final MeterRegistry registry;

    ProjectionMetrics(ProjectionStatuses statuses, MeterRegistry registry) {
        this.statuses = statuses;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (var status : statuses.all()) {
            var name = status.name();
            gauge("beep.projection.position", "global event-store position reached", name,
                    s -> s.position() == null ? Double.NaN : s.position());
            gauge("beep.projection.lag.events", "events in the store not yet handled", name,
                    s -> s.lagEvents() == null ? Double.NaN : s.lagEvents());
            gauge("beep.projection.lag.ms", "age of the oldest event not yet handled, in ms", name,
                    s -> s.lagMillis() == null ? Double.NaN : s.lagMillis());
            gauge("beep.projection.up", "1 while running or replaying", name,
                    s -> s.state().equals("running") || s.state().equals("replaying") ? 1 : 0);
            gauge("beep.projection.error", "1 while in error", name, s -> s.state().equals("error") ? 1 : 0);
        }
    }

    private void gauge(String metric, String description, String processor, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, statuses, s -> s.of(processor).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .tag("processor", processor)
                .register(registry);
    }
}

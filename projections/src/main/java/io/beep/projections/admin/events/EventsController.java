package io.beep.projections.admin.events;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/events} (analyst or app-admin): the event history as
 * {@code application/x-ndjson}, one envelope a line, in global order. Filters: {@code types}
 * (comma separated or repeated), {@code aggregateId}, {@code from} / {@code to} (global positions,
 * inclusive), {@code since} (inclusive) / {@code until} (exclusive) as ISO-8601 instants, and
 * {@code limit}. The answer streams as it is read; a failure half-way cuts the stream short.
 */
@RestController
@RequestMapping("/api/v1/admin/events")
class EventsController {

    static final String NDJSON = "application/x-ndjson";

    private final EventHistory history;

    EventsController(EventHistory history) {
        this.history = history;
    }

    @GetMapping
    void export(@RequestParam(required = false) List<String> types,
                @RequestParam(required = false) String aggregateId,
                @RequestParam(required = false) String from,
                @RequestParam(required = false) String to,
                @RequestParam(required = false) String since,
                @RequestParam(required = false) String until,
                @RequestParam(required = false) String limit,
                HttpServletResponse response) throws Exception {
        var query = EventQuery.parse(types, aggregateId, from, to, since, until, limit);
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        var out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024);
        history.read(query, event -> {
            Envelopes.write(event, out);
            out.write('\n');
            return true;
        });
        out.flush();
    }
}

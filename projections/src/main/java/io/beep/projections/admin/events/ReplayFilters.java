package io.beep.projections.admin.events;

import java.util.List;

/**
 * The filters of a replay, the same as the export's query parameters (numbers and instants may be
 * given as JSON strings or numbers).
 *
 * @param types       event type names; empty or null = all
 * @param aggregateId one aggregate
 * @param from        first global position, inclusive
 * @param to          last global position, inclusive
 * @param since       stored at or after, ISO-8601
 * @param until       stored before, ISO-8601
 * @param limit       at most this many events
 */
public record ReplayFilters(List<String> types, String aggregateId, String from, String to, String since,
                            String until, String limit) {

    /** The validated query; bad values are a 400. */
    public EventQuery query() {
        return EventQuery.parse(types, aggregateId, from, to, since, until, limit);
    }
}

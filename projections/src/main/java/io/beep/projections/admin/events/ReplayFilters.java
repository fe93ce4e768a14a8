package io.beep.projections.admin.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * The filters of a replay, the same as the export's query parameters ({@code from}, {@code to} and
 * {@code limit} may be given as JSON integers or strings; every other filter is text).
 *
 * @param types       event type names; empty or null = all
 * @param aggregateId one aggregate
 * @param from        first global position, inclusive
 * @param to          last global position, inclusive
 * @param since       stored at or after, ISO-8601
 * @param until       stored before, ISO-8601
 * @param limit       at most this many events
 */
public record ReplayFilters(List<String> types, String aggregateId,
                            @JsonDeserialize(using = WholeNumberText.class) String from,
                            @JsonDeserialize(using = WholeNumberText.class) String to,
                            String since, String until,
                            @JsonDeserialize(using = WholeNumberText.class) String limit) {

    /** The validated query; bad values are a 400. */
    public EventQuery query() {
        return EventQuery.parse(types, aggregateId, from, to, since, until, limit);
    }
}

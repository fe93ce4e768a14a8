package io.beep.projections.admin.events;

import io.beep.contracts.common.DomainException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which events to read. Every filter is optional; together they narrow (AND).
 *
 * @param types       event type names, simple ({@code MessageSentEvent}) or fully qualified; empty = all
 * @param aggregateId only the events of this aggregate
 * @param from        the first global position, inclusive
 * @param to          the last global position, inclusive
 * @param since       stored at or after this instant
 * @param until       stored before this instant
 * @param limit       at most this many events
 */
public record EventQuery(List<String> types, String aggregateId, Long from, Long to, Instant since, Instant until,
                         Long limit) {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,254}");

    public EventQuery {
        types = types == null ? List.of() : List.copyOf(types);
    }

    /** The query of the request parameters; bad input is a 400 naming the parameter. */
    public static EventQuery parse(List<String> types, String aggregateId, String from, String to, String since,
                                   String until, String limit) {
        var names = new ArrayList<String>();
        if (types != null) {
            for (var entry : types) {
                for (var name : entry.split(",")) {
                    var trimmed = name.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (!TYPE_NAME.matcher(trimmed).matches()) {
                        throw DomainException.invalid("types must be event type names such as MessageSentEvent");
                    }
                    names.add(trimmed);
                }
            }
        }
        if (aggregateId != null && (aggregateId.isBlank() || aggregateId.length() > 255)) {
            throw DomainException.invalid("aggregateId must be 1 to 255 characters");
        }
        var fromPosition = position("from", from);
        var toPosition = position("to", to);
        if (fromPosition != null && toPosition != null && fromPosition > toPosition) {
            throw DomainException.invalid("from must not be after to");
        }
        var sinceInstant = instant("since", since);
        var untilInstant = instant("until", until);
        if (sinceInstant != null && untilInstant != null && !sinceInstant.isBefore(untilInstant)) {
            throw DomainException.invalid("since must be before until");
        }
        var max = position("limit", limit);
        if (max != null && max == 0) {
            throw DomainException.invalid("limit must be at least 1");
        }
        return new EventQuery(names, aggregateId, fromPosition, toPosition, sinceInstant, untilInstant, max);
    }

    private static Long position(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw DomainException.invalid(name + " must be a whole number of at least 0");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(name + " must be an ISO-8601 UTC instant such as 2026-01-31T12:00:00Z");
        }
    }
}

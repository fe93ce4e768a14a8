package io.beep.queryside.platform.web;

import io.beep.contracts.common.DomainException;

/**
 * Snowflake ids: 1 to 19 decimal digits that fit a signed 64-bit integer. In a path anything else
 * names nothing (404); in a query parameter it is bad input (400).
 */
public final class Ids {

    private Ids() {
    }

    /** A path id, or 404. */
    public static long path(String id) {
        var parsed = parse(id);
        if (parsed < 0) {
            throw DomainException.notFound("resource");
        }
        return parsed;
    }

    /** A query-parameter id, or 400; null when absent. */
    public static Long param(String name, String id) {
        if (id == null) {
            return null;
        }
        var parsed = parse(id);
        if (parsed < 0) {
            throw DomainException.invalid(name + " must be a message id (a decimal snowflake)");
        }
        return parsed;
    }

    /** The id's value, or -1 when it is not a snowflake. */
    static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

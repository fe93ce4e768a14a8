package io.beep.queryside.platform.web;

import io.beep.contracts.common.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The list rules of the API: {@code limit} from 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT}
 * when absent; {@code cursor} an opaque token handed out as {@code nextCursor}. Breaking a rule is
 * a 400 VALIDATION_FAILED.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    private static final String CURSOR_PREFIX = "k:";

    private Paging() {
    }

    public static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int value;
        try {
            value = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw DomainException.invalid("limit must be from 1 to " + MAX_LIMIT);
        }
        return value;
    }

    /** The opaque cursor that resumes a list after the item with key {@code key}. */
    public static String cursorAfter(long key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + key).getBytes(StandardCharsets.US_ASCII));
    }

    /** The key a cursor resumes after; null when there is no cursor. */
    public static Long keyOf(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw DomainException.invalid("cursor is not one this API handed out");
    }
}

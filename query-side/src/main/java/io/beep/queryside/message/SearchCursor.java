package io.beep.queryside.message;

import io.beep.contracts.common.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a search page goes on, as an opaque cursor: {@code below} a number of the scope (bucketed
 * messages numbered lower), or {@code before} a message id among the messages stored before search
 * buckets existed ({@link #legacy}). Cursors handed out before buckets ({@code k:<id>}) still parse,
 * as {@link #byId}: the reader finds that message's number.
 */
public record SearchCursor(Kind kind, long value) {

    /** What {@link #value} is. */
    public enum Kind {
        /** Bucketed messages numbered below the value, then the older layout. */
        BELOW,
        /** Messages of the older layout with an id below the value. */
        LEGACY,
        /** Messages older than the message with this id (a cursor of the older API). */
        BY_ID
    }

    static SearchCursor below(long number) {
        return new SearchCursor(Kind.BELOW, number);
    }

    static SearchCursor legacy(long beforeId) {
        return new SearchCursor(Kind.LEGACY, beforeId);
    }

    static SearchCursor byId(long id) {
        return new SearchCursor(Kind.BY_ID, id);
    }

    /** The cursor as handed out in {@code nextCursor}. */
    public String encode() {
        var prefix = switch (kind) {
            case BELOW -> "q:";
            case LEGACY -> "l:";
            case BY_ID -> "k:";
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + value).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; null when none; 400 when it is not one this API handed out. */
    public static SearchCursor parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            var decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (decoded.length() > 2 && decoded.charAt(1) == ':') {
                long value = Long.parseLong(decoded.substring(2));
                switch (decoded.charAt(0)) {
                    case 'q':
                        if (value >= 0) {
                            return below(value);
                        }
                        break;
                    case 'l':
                        return legacy(value);
                    case 'k':
                        return byId(value);
                    default:
                        break;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through: not one of ours
        }
        throw DomainException.invalid("cursor is not one this API handed out");
    }
}

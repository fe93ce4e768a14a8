package io.beep.contracts.common;


/**
 * The {@code Beep-Consistency-Token} header: the event-store position of a request's last event.
 * Sent back on a later request, it makes that request wait (bounded) until the views and the
 * permission tuples include that position.
 */
public final class Consistency {

    public static final String HEADER = "Beep-Consistency-Token";

    private Consistency() {
    }

    /** The position named by a header value, or 0 when there is none. */
    public static long parse(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(header.strip());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return position;
        } catch (NumberFormatException e) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, HEADER + " must be a position from an earlier answer");
        }
    }
}

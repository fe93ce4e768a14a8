package io.beep.projections.platform.axon;

import org.axonframework.eventhandling.TrackingToken;

/** The global event-store position of the event being handled, taken from its tracking token. */
public final class EventPositions {

    private EventPositions() {
    }

    /** The token's position, or 0 when the event was not read from the store. */
    public static long of(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}

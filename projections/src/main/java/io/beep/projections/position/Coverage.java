package io.beep.projections.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Whether a processor's tracking token covers an event-store position: the processor has gone
 * past it and the event there is not one of the token's gaps.
 *
 * <p>Not {@code token.covers(GapAwareTrackingToken.newInstance(position, emptySet()))}: that also
 * demands that the token have no gap below the position. Such a gap is someone else's transaction
 * still in flight (or rolled back, and then it stays a gap until the gap timeout), never part of
 * the write whose position we wait for, so waiting on it would only add latency or time out.
 */
public final class Coverage {

    private Coverage() {
    }

    public static boolean covers(TrackingToken token, long position) {
        if (position <= 0) {
            return true;
        }
        if (token == null) {
            return false;
        }
        var lowerBound = WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lowerBound != null && lowerBound.position().orElse(Long.MIN_VALUE) >= position;
    }
}

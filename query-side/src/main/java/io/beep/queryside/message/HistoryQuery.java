package io.beep.queryside.message;

import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.web.Ids;
import io.beep.queryside.platform.web.Paging;

/**
 * Which page of a channel's history to read: the newest messages, or those before, after or around
 * a message id; at most one anchor. Every answer lists newest first, as Discord does.
 */
public record HistoryQuery(Anchor anchor, long messageId, int limit) {

    public enum Anchor {
        LATEST,
        BEFORE,
        AFTER,
        AROUND
    }

    /** The query named by the request parameters; a 400 VALIDATION_FAILED for anything else. */
    public static HistoryQuery of(String before, String after, String around, String limit) {
        int size = Paging.limit(limit);
        int anchors = (before != null ? 1 : 0) + (after != null ? 1 : 0) + (around != null ? 1 : 0);
        if (anchors > 1) {
            throw DomainException.invalid("use at most one of before, after and around");
        }
        if (before != null) {
            return new HistoryQuery(Anchor.BEFORE, Ids.param("before", before), size);
        }
        if (after != null) {
            return new HistoryQuery(Anchor.AFTER, Ids.param("after", after), size);
        }
        if (around != null) {
            return new HistoryQuery(Anchor.AROUND, Ids.param("around", around), size);
        }
        return new HistoryQuery(Anchor.LATEST, 0, size);
    }

    /** How many of the newer messages an AROUND page holds; the rest are the anchor and older. */
    int newerShare() {
        return limit / 2;
    }
}

package io.beep.queryside.message;

import io.beep.contracts.message.MessageViewKeys;
import org.bson.Document;

/**
 * A channel's counter document as read at the start of a history request (fields in
 * {@link MessageViewKeys}). {@code epoch} 0 means the counter predates the fields a cache needs:
 * nothing read under it is kept.
 */
record ChannelCounter(long seq, long committed, long changes, long epoch) {

    static final ChannelCounter NONE = new ChannelCounter(0, 0, 0, 0);

    static ChannelCounter of(Document counter) {
        if (counter == null) {
            return NONE;
        }
        long epoch = number(counter, MessageViewKeys.EPOCH);
        boolean complete = counter.get(MessageViewKeys.COMMITTED) instanceof Number;
        return new ChannelCounter(number(counter, MessageViewKeys.SEQ), number(counter, MessageViewKeys.COMMITTED),
                number(counter, MessageViewKeys.CHANGES), complete ? epoch : 0);
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    boolean cacheable() {
        return epoch != 0;
    }
}

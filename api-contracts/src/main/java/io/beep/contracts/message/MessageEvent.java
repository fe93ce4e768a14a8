package io.beep.contracts.message;

import io.beep.contracts.common.MessageId;

/** Every event of the message aggregate names its message. */
public interface MessageEvent {
    MessageId messageId();
}

package io.beep.contracts.privatechannel;

import io.beep.contracts.common.ChannelId;

/** Every event of the private channel aggregate names its channel. */
public interface PrivateChannelEvent {
    ChannelId channelId();
}

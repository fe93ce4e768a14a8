package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;

/** Every event of the channel aggregate names its channel. */
public interface ChannelEvent {
    ChannelId channelId();
}

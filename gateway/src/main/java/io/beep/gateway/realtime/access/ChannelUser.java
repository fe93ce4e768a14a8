package io.beep.gateway.realtime.access;

/** A user in a channel. */
public record ChannelUser(String channelId, String userId) {
}

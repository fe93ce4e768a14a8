package io.beep.gateway.realtime.event;

/** The users who may view the channel now ({@code serverId} null for dm / group channels). */
public record ChannelViewers(String serverId, String channelId) implements Audience {
}

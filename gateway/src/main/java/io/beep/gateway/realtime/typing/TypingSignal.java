package io.beep.gateway.realtime.typing;

/** One "is typing" signal as published on Redis; {@code serverId} is null for dm / group channels. */
public record TypingSignal(String channelId, String serverId, String userId, String timestamp) {
}

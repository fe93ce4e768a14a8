package io.beep.gateway.realtime.access;

/** A channel's place: {@code relation} is {@code server} (its server) or {@code parent} (a thread's channel). */
public record ChannelLink(String relation, String id) {
}

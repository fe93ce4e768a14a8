package io.beep.gateway.realtime.event;

/** The members of a server. */
public record ServerMembers(String serverId) implements Audience {
}

package io.beep.gateway.realtime.event;

import java.util.Set;

/** Exactly these users (e.g. both sides of a friend request). */
public record UserList(Set<String> userIds) implements Audience {
}

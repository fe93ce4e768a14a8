package io.beep.gateway.realtime.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Cached {@code channel#view} answers of one scope (a server, or one serverless channel), by channel then user. */
public final class Decisions {

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Boolean>> channels = new ConcurrentHashMap<>();

    Map<String, Boolean> channel(String channelId) {
        return channels.computeIfAbsent(channelId, id -> new ConcurrentHashMap<>());
    }

    /** Every (channel, user) that was allowed. */
    public List<ChannelUser> allowed() {
        var pairs = new ArrayList<ChannelUser>();
        channels.forEach((channel, users) -> users.forEach((user, allowed) -> {
            if (allowed) {
                pairs.add(new ChannelUser(channel, user));
            }
        }));
        return pairs;
    }

    void forget(String userId) {
        channels.values().forEach(users -> users.remove(userId));
        channels.values().removeIf(Map::isEmpty);
    }

    /** Removes and returns one channel's answers. */
    Decisions take(String channelId) {
        var taken = new Decisions();
        var users = channels.remove(channelId);
        if (users != null) {
            taken.channels.put(channelId, users);
        }
        return taken;
    }
}

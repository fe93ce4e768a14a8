package io.beep.gateway.realtime.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Which server a channel belongs to (empty for dm and group channels): an immutable fact, learnt
 * from the events that carry it and otherwise read once from SpiceDB's relationships (a thread
 * belongs to its parent's server).
 */
public final class ChannelDirectory {

    private static final Optional<String> NO_SERVER = Optional.empty();

    private final SpiceDbClient spicedb;
    private final Cache<String, Optional<String>> servers = Caffeine.newBuilder().maximumSize(200_000).build();

    public ChannelDirectory(SpiceDbClient spicedb) {
        this.spicedb = spicedb;
    }

    /** Records a channel's server ({@code null}: none) seen on an event. */
    public void remember(String channelId, String serverId) {
        servers.put(channelId, Optional.ofNullable(serverId));
    }

    /** The channel's server id, empty when it has none (or is unknown). */
    public Mono<Optional<String>> serverOf(String channelId) {
        var known = servers.getIfPresent(channelId);
        if (known != null) {
            return Mono.just(known);
        }
        return spicedb.channelLink(channelId).flatMap(link -> {
            if (link.isEmpty()) {
                return Mono.just(NO_SERVER);
            }
            if ("server".equals(link.get().relation())) {
                return Mono.just(Optional.of(link.get().id()));
            }
            return spicedb.channelLink(link.get().id())
                    .map(parent -> parent.filter(p -> "server".equals(p.relation())).map(ChannelLink::id));
        }).doOnNext(server -> {
            if (server.isPresent()) {
                servers.put(channelId, server);
            }
        });
    }
}

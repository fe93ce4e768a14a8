package io.beep.queryside.message;

import io.beep.contracts.common.UserId;
import io.beep.contracts.message.ViewableChannelsCacheKeys;
import io.beep.queryside.channel.ChannelReader;
import io.beep.queryside.platform.authz.Authorizer;
import io.beep.queryside.platform.authz.Authorizer.Resource;
import io.beep.queryside.platform.redis.RedisCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The channels of a server a user may view, for server-wide search: the server's channels from
 * the views, filtered by one bulk SpiceDB check, cached in Redis for {@link #TTL} under the server's
 * cache generation ({@link ViewableChannelsCacheKeys}). The saga orchestrator moves the generation on
 * after every permission-relevant change of the server is in SpiceDB and stores that change's
 * ZedToken, so the next lookup misses and recomputes at least as fresh as the change. A request with a
 * consistency token (sent after a change the caller made) skips the cache and refreshes it with its
 * own ZedToken. Redis unavailable: every lookup recomputes.
 */
@Component
class ViewableChannels {

    static final Duration TTL = Duration.ofSeconds(60);

    private final ChannelReader channels;
    private final Authorizer authorizer;
    private final RedisCache cache;

    ViewableChannels(ChannelReader channels, Authorizer authorizer, RedisCache cache) {
        this.channels = channels;
        this.authorizer = authorizer;
        this.cache = cache;
    }

    List<String> of(long serverId, UserId user, String zedToken, boolean fresh) {
        var server = Long.toString(serverId);
        var state = cache.getAll(ViewableChannelsCacheKeys.generation(server), ViewableChannelsCacheKeys.zedToken(server));
        var generation = state.get(0) == null ? "0" : state.get(0);
        var key = ViewableChannelsCacheKeys.entry(server, generation, user.value());
        if (!fresh) {
            var cached = cache.get(key);
            if (cached.isPresent()) {
                return cached.get().isEmpty() ? List.of() : Arrays.asList(cached.get().split(","));
            }
        }
        var token = fresh || state.get(1) == null ? zedToken : state.get(1);
        var all = new ArrayList<String>();
        for (var channel : channels.ofServer(serverId)) {
            if (!"category".equals(channel.type())) {
                all.add(channel.id());
            }
        }
        List<String> viewable = all.isEmpty() || authorizer.has(Resource.server(serverId), "administrator", user, token)
                ? all : authorizer.viewable("channel", all, user, token);
        cache.put(key, String.join(",", viewable), TTL);
        return viewable;
    }
}

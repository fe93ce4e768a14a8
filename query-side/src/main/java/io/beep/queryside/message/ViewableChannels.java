package io.beep.queryside.message;

import io.beep.contracts.common.UserId;
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
 * the views, filtered by one bulk SpiceDB check, cached in Redis for {@link #TTL}. A request with a
 * consistency token (sent after a change the caller made, such as a permission change) skips the
 * cache and refreshes it, so a caller never searches with permissions older than their own write;
 * others see a permission change within the TTL at most.
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
        var key = "beep:viewable-channels:" + serverId + ":" + user.value();
        if (!fresh) {
            var cached = cache.get(key);
            if (cached.isPresent()) {
                return cached.get().isEmpty() ? List.of() : Arrays.asList(cached.get().split(","));
            }
        }
        var all = new ArrayList<String>();
        for (var channel : channels.ofServer(serverId)) {
            if (!"category".equals(channel.type())) {
                all.add(channel.id());
            }
        }
        List<String> viewable = all.isEmpty() || authorizer.has(Resource.server(serverId), "administrator", user, zedToken)
                ? all : authorizer.viewable("channel", all, user, zedToken);
        cache.put(key, String.join(",", viewable), TTL);
        return viewable;
    }
}

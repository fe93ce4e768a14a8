package io.beep.gateway.realtime.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Who may view a channel now, for the users connected here. Answers are cached per scope (a
 * server, or one dm / group channel) and dropped as a whole when a permission-relevant event of
 * that scope arrives; checks then read SpiceDB at least as fresh as the ZedToken that covers that
 * event. SpiceDB failures exclude the users concerned (fail closed) and are not cached; the
 * channel's unknown users are then left out for a second instead of asking again on every event
 * (no retry storm against a struggling authorization server).
 */
public final class Visibility {

    private static final Logger LOG = LoggerFactory.getLogger(Visibility.class);
    /** After a failed check, a channel's unknown users are left out this long before SpiceDB is asked again. */
    private static final long RETRY_AFTER_FAILURE_NANOS = 1_000_000_000L;

    private final SpiceDbClient spicedb;
    private final ConcurrentHashMap<String, Decisions> scopes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> privateViewers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> failedUntil = new ConcurrentHashMap<>();
    private volatile String latestToken;

    public Visibility(SpiceDbClient spicedb) {
        this.spicedb = spicedb;
    }

    /** The cache key of a channel: its server, or the channel itself when it has none. */
    public static String scope(String serverId, String channelId) {
        return serverId != null ? serverId : "channel:" + channelId;
    }

    /** The users among {@code candidates} who may view the channel. */
    public Mono<Set<String>> viewers(String serverId, String channelId, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Mono.just(Set.of());
        }
        var scope = scope(serverId, channelId);
        var answers = scopes.computeIfAbsent(scope, key -> new Decisions()).channel(channelId);
        var allowed = new HashSet<String>();
        var unknown = new ArrayList<String>();
        for (var user : candidates) {
            var known = answers.get(user);
            if (known == null) {
                unknown.add(user);
            } else if (known) {
                allowed.add(user);
            }
        }
        if (unknown.isEmpty()) {
            return Mono.just(allowed);
        }
        var retryAt = failedUntil.get(channelId);
        if (retryAt != null) {
            if (System.nanoTime() - retryAt < 0) {
                return Mono.just(allowed);
            }
            failedUntil.remove(channelId, retryAt);
        }
        var checks = unknown.stream().map(user -> new Check("channel", channelId, "view", user)).toList();
        return spicedb.checkAll(checks, tokenFor(scope)).map(results -> {
            for (int i = 0; i < unknown.size(); i++) {
                answers.put(unknown.get(i), results.get(i));
                if (results.get(i)) {
                    allowed.add(unknown.get(i));
                }
            }
            return (Set<String>) allowed;
        }).onErrorResume(error -> {
            failedUntil.put(channelId, System.nanoTime() + RETRY_AFTER_FAILURE_NANOS);
            LOG.warn("channel {} view check failed, {} user(s) left out: {}", channelId, unknown.size(), error.getMessage());
            return Mono.just(allowed);
        });
    }

    /**
     * Everyone who may view a dm or group channel (its recipients), from SpiceDB's LookupSubjects,
     * cached until a permission-relevant event of the channel. Fails closed (empty).
     */
    public Mono<Set<String>> privateViewers(String channelId) {
        var scope = scope(null, channelId);
        var known = privateViewers.get(scope);
        if (known != null) {
            return Mono.just(known);
        }
        return spicedb.lookupSubjects("channel", channelId, "view", tokenFor(scope))
                .doOnNext(viewers -> privateViewers.put(scope, viewers))
                .onErrorResume(error -> {
                    LOG.warn("channel {} viewers lookup failed: {}", channelId, error.getMessage());
                    return Mono.just(Set.of());
                });
    }

    /** Drops the cached viewers of a dm or group channel and returns them (empty if none). */
    public Set<String> resetPrivate(String channelId) {
        var old = privateViewers.remove(scope(null, channelId));
        return old == null ? Set.of() : old;
    }

    /** Records a fresh answer. */
    public void record(String scope, String channelId, String userId, boolean allowed) {
        scopes.computeIfAbsent(scope, key -> new Decisions()).channel(channelId).put(userId, allowed);
    }

    /** Checks many questions at the freshness of {@code scope}. */
    public Mono<List<Boolean>> check(String scope, List<Check> checks) {
        return spicedb.checkAll(checks, tokenFor(scope));
    }

    /** Checks read at least as fresh as {@code zedToken} from now on (null: no change). */
    public void advance(String scope, String zedToken) {
        if (zedToken != null) {
            tokens.put(scope, zedToken);
            latestToken = zedToken;
        }
    }

    /** Drops the scope's cached answers and returns them. */
    public Decisions reset(String scope) {
        var old = scopes.remove(scope);
        return old == null ? new Decisions() : old;
    }

    /** Drops one channel's cached answers and returns them. */
    public Decisions reset(String scope, String channelId) {
        var decisions = scopes.get(scope);
        return decisions == null ? new Decisions() : decisions.take(channelId);
    }

    /** Forgets a user who is no longer connected. */
    public void forget(String userId) {
        scopes.values().forEach(decisions -> decisions.forget(userId));
    }

    /** The freshest ZedToken known for the scope (null: fully consistent). */
    String tokenFor(String scope) {
        var token = tokens.get(scope);
        return token != null ? token : latestToken;
    }
}

package io.beep.command.platform.authz;

import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ALLOWED permission decisions kept in memory, dropped whenever any relationship changes. The saga
 * orchestrator announces each relationship write on {@link AuthzChanges#CHANNEL} (Redis pub/sub)
 * before it moves past the event, and a heartbeat every {@link AuthzChanges#HEARTBEAT_INTERVAL_MS}.
 * On each announcement every kept decision is dropped, and for {@code floorMs} afterwards checks are
 * fully consistent (SpiceDB's own cache may be up to one quantization window older than the change,
 * and announcements of concurrent saga steps may arrive in any order). So a revocation is honoured
 * as soon as its announcement arrives, and a repeated check between changes costs no call at all.
 * <p>Safe by construction: denials are never kept; a decision computed while an announcement arrived
 * is not kept (generation check); nothing is kept or reused while the subscription is not confirmed
 * (start, Redis down, reconnecting) or the channel has been silent for {@code silenceMs} (no
 * heartbeat: a half-open connection or no saga), and after either everything is dropped and checks
 * are fully consistent for {@code floorMs}, since announcements may have been missed meanwhile;
 * each decision is kept at most {@code ttlMs} anyway.
 */
@Component
public class PermissionDecisions {

    private static final Logger log = LoggerFactory.getLogger(PermissionDecisions.class);
    private final DecisionsProperties properties;
    private final ConcurrentHashMap<String, Long> allowed = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final RedisClient client;
    private final Thread subscriber;
    private final Counter kept;
    private final Counter asked;
    private volatile StatefulRedisPubSubConnection<String, String> current;
    private volatile boolean listening;
    private volatile long lastHeard;
    private volatile long freshUntil;
    private volatile boolean closed;

    public PermissionDecisions(DecisionsProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.kept = Counter.builder("beep.authz.decisions").tag("outcome", "kept")
                .description("permission checks without a consistency token answered from a kept decision")
                .register(meters);
        this.asked = Counter.builder("beep.authz.decisions").tag("outcome", "asked")
                .description("permission checks without a consistency token that asked the authorization server")
                .register(meters);
        this.lastHeard = System.nanoTime() - properties.silenceMs() * 1_000_000L;
        this.freshUntil = System.nanoTime() + properties.floorMs() * 1_000_000L;
        var uri = RedisURI.create(properties.redisUrl());
        uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create(uri);
        this.client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == current) {
                    stopReusing("connection to Redis lost");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                // decisions are reused again only once the (re)subscription is confirmed
            }
        });
        this.subscriber = new Thread(this::subscribe, "authz-decisions-subscriber");
        this.subscriber.setDaemon(true);
        if (properties.enabled()) {
            subscriber.start();
        }
    }

    /** Whether a kept decision says the user has the permission. */
    boolean allowed(String key) {
        var until = reusing() ? allowed.get(key) : null;
        if (until != null && System.nanoTime() - until > 0) {
            allowed.remove(key, until);
            until = null;
        }
        (until == null ? asked : kept).increment();
        return until != null;
    }

    /** Read before a check whose answer may be kept ({@link #keep}). */
    long generation() {
        return generation.get();
    }

    /**
     * Whether a check whose answer may be kept must be fully consistent now: shortly after a change
     * was announced, after the subscription was (re)confirmed, or after the channel spoke again after
     * a silence. While nothing is reused, checks may read SpiceDB's cache as before (its quantization
     * window bounds the lag) since none of their answers is kept.
     */
    boolean fresh() {
        return reusing() && System.nanoTime() - freshUntil < 0;
    }

    /** Keeps an allowed decision unless a change arrived since {@code generationBefore} was read. */
    void keep(String key, long generationBefore) {
        if (!reusing() || generation.get() != generationBefore) {
            return;
        }
        if (allowed.size() >= properties.maxEntries()) {
            allowed.clear();
        }
        long until = System.nanoTime() + properties.ttlMs() * 1_000_000L;
        allowed.put(key, until);
        if (generation.get() != generationBefore || !reusing()) {
            allowed.remove(key, until);
        }
    }

    /** A message on the channel: a heartbeat, or a relationship change (drop everything). */
    void heard(String message) {
        long now = System.nanoTime();
        boolean wasSilent = now - lastHeard > properties.silenceMs() * 1_000_000L;
        if (wasSilent || !AuthzChanges.HEARTBEAT.equals(message)) {
            freshUntil = now + properties.floorMs() * 1_000_000L;
            generation.incrementAndGet();
            allowed.clear();
        }
        lastHeard = now;
    }

    /** Whether decisions are currently kept and reused (subscription confirmed, channel not silent). */
    public boolean reusing() {
        return listening && System.nanoTime() - lastHeard < properties.silenceMs() * 1_000_000L;
    }

    private void stopReusing(String why) {
        if (listening) {
            log.warn("permission decisions no longer reused: {}", why);
        }
        listening = false;
        generation.incrementAndGet();
        allowed.clear();
    }

    private void subscribe() {
        while (!closed) {
            StatefulRedisPubSubConnection<String, String> connection = null;
            try {
                connection = client.connectPubSub();
                current = connection;
                connection.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        heard(message);
                    }

                    @Override
                    public void subscribed(String channel, long count) {
                        freshUntil = System.nanoTime() + properties.floorMs() * 1_000_000L;
                        generation.incrementAndGet();
                        allowed.clear();
                        listening = true;
                        log.info("permission decisions reused while {} is heard, dropped on every change", channel);
                    }
                });
                connection.sync().subscribe(AuthzChanges.CHANNEL);
                return; // from here on the client reconnects and resubscribes by itself
            } catch (RuntimeException e) {
                current = null;
                if (connection != null) {
                    connection.closeAsync();
                }
                if (closed) {
                    return;
                }
                log.warn("cannot subscribe to {} yet ({}); permission decisions are not reused", AuthzChanges.CHANNEL,
                        e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        listening = false;
        subscriber.interrupt();
        client.shutdown();
    }
}

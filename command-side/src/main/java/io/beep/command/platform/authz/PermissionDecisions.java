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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * ALLOWED permission decisions kept in memory, per user, dropped when a relationship change that may
 * shrink a permission is announced. The saga orchestrator announces such writes on
 * {@link AuthzChanges#CHANNEL} (Redis pub/sub) before it moves past the event, naming the users
 * whose permissions may have shrunk or "everybody", and a heartbeat every
 * {@link AuthzChanges#HEARTBEAT_INTERVAL_MS}. On an announcement the named users' kept decisions (or
 * all) are dropped, and for {@code floorMs} afterwards those users' (or everybody's) checks are fully
 * consistent (SpiceDB's own cache may be up to one quantization window older than the change, and
 * announcements of concurrent saga steps may arrive in any order). So a revocation is honoured as
 * soon as its announcement arrives, a repeated check between changes costs no call at all, and a
 * change to one user's relationships (a join, a kick, a role assignment) costs nobody else anything.
 * <p>Safe by construction: denials are never kept; a decision computed while an announcement for its
 * user (or everybody) arrived is not kept (change sequence check); nothing is kept or reused while
 * the subscription is not confirmed (start, Redis down, reconnecting) or the channel has been silent
 * for {@code silenceMs} (no heartbeat: a half-open connection or no saga), and after either
 * everything is dropped and checks are fully consistent for {@code floorMs}, since announcements may
 * have been missed meanwhile; each decision is kept at most {@code ttlMs} anyway.
 */
@Component
public class PermissionDecisions {

    private static final Logger log = LoggerFactory.getLogger(PermissionDecisions.class);
    /** How long a user's last change is remembered (far longer than any check can take). */
    private static final long CHANGE_MEMORY_NANOS = 60_000_000_000L;
    /** How often old user changes are looked for (on whatever message arrives: heartbeats every 2 s). */
    private static final long FORGET_EVERY_NANOS = 10_000_000_000L;
    /** How long a renewal that could not run blocks the next attempt of the same decision. */
    private static final long RENEWAL_RETRY_NANOS = 1_000_000_000L;
    /** The sequence number of a change being recorded: later than any check's. */
    private static final long PENDING = Long.MAX_VALUE;
    private final DecisionsProperties properties;
    /** user id -> (decision key -> kept until, nanoTime). */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Long>> allowed = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    /** Numbers every change (a user's or everybody's); a decision is kept only if none of its user's came since. */
    private final AtomicLong sequence = new AtomicLong();
    /** user id -> that user's last change. */
    private final ConcurrentHashMap<String, Change> userChanges = new ConcurrentHashMap<>();
    private final RedisClient client;
    private final Thread subscriber;
    private final Counter kept;
    private final Counter asked;
    private final Counter renewed;
    /** decision key -> when its renewal was claimed (nanoTime): under way, or failed a moment ago. */
    private final ConcurrentHashMap<String, Long> renewals = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> current;
    private volatile boolean listening;
    private volatile long lastHeard;
    private volatile long freshUntil;
    /** Sequence number of the last change for everybody (or of the last loss of the subscription). */
    private final AtomicLong everybodyChanged = new AtomicLong();
    /** The newest sequence number among forgotten user changes: a user without a remembered change may have had one as late as this. */
    private volatile long forgottenUpTo;
    private volatile boolean closed;
    private final String channel;
    /** When old user changes were last forgotten (only the subscriber thread reads and writes it). */
    private long lastForgotten = System.nanoTime();

    /** A user's last change: its sequence number and when it was heard. */
    private record Change(long sequence, long heardAt) {
    }

    @Autowired
    public PermissionDecisions(DecisionsProperties properties, MeterRegistry meters) {
        this(properties, meters, AuthzChanges.CHANNEL);
    }

    /** Listening on another channel than the saga's (tests, so that real announcements do not interfere). */
    PermissionDecisions(DecisionsProperties properties, MeterRegistry meters, String channel) {
        this.properties = properties;
        this.channel = channel;
        this.kept = Counter.builder("beep.authz.decisions").tag("outcome", "kept")
                .description("permission checks without a consistency token answered from a kept decision")
                .register(meters);
        this.asked = Counter.builder("beep.authz.decisions").tag("outcome", "asked")
                .description("permission checks without a consistency token that asked the authorization server")
                .register(meters);
        this.renewed = Counter.builder("beep.authz.decisions").tag("outcome", "renewed")
                .description("kept decisions asked again in the background before they ran out")
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

    /** Whether a kept decision says the user has the permission ({@code key} names the check). */
    boolean allowed(String userId, String key) {
        Long until = null;
        if (reusing()) {
            var decisions = allowed.get(userId);
            until = decisions == null ? null : decisions.get(key);
            if (until != null && System.nanoTime() - until > 0) {
                if (decisions.remove(key, until)) {
                    size.decrementAndGet();
                }
                until = null;
            }
        }
        (until == null ? asked : kept).increment();
        return until != null;
    }

    /**
     * Whether the kept decision {@code key} is due for renewal, claiming it if so: it is in the last
     * fifth of its life and no renewal of it is under way or failed within the last second. The
     * caller renews it in the background and then calls {@link #renewalDone}. So late that an active
     * decision is asked about as often as it would be if it ran out (renewing at half its life
     * doubled the checks, measured in the real-time bench), only without a request waiting.
     */
    boolean claimRenewal(String userId, String key) {
        var decisions = allowed.get(userId);
        Long until = decisions == null ? null : decisions.get(key);
        long now = System.nanoTime();
        if (until == null || until - now > properties.ttlMs() * 200_000L) {
            return false;
        }
        var claimed = renewals.putIfAbsent(key, now);
        if (claimed == null) {
            return true;
        }
        return now - claimed > RENEWAL_RETRY_NANOS && renewals.replace(key, claimed, now);
    }

    /**
     * Ends a renewal claimed by {@link #claimRenewal}: {@code answered} when the server answered (the
     * decision was kept again or forgotten), else the next attempt waits a second.
     */
    void renewalDone(String key, boolean answered) {
        if (answered) {
            renewed.increment();
            renewals.remove(key);
        }
    }

    /** Drops a kept decision the authorization server no longer confirms. */
    void forget(String userId, String key) {
        var decisions = allowed.get(userId);
        if (decisions != null && decisions.remove(key) != null) {
            size.decrementAndGet();
        }
    }

    /** Read before a check whose answer may be kept ({@link #keep}). */
    long generation() {
        return sequence.get();
    }

    /**
     * Whether a check of this user whose answer may be kept must be fully consistent now: shortly
     * after a change of the user's (or everybody's) was announced, after the subscription was
     * (re)confirmed, or after the channel spoke again after a silence. While nothing is reused,
     * checks may read SpiceDB's cache as before (its quantization window bounds the lag) since none
     * of their answers is kept.
     */
    boolean fresh(String userId) {
        if (!reusing()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - freshUntil < 0) {
            return true;
        }
        var change = userChanges.get(userId);
        return change != null && now - change.heardAt() < properties.floorMs() * 1_000_000L;
    }

    /** Keeps an allowed decision unless a change of the user's (or everybody's) arrived since {@code generationBefore} was read. */
    void keep(String userId, String key, long generationBefore) {
        if (!reusing() || changedSince(userId, generationBefore)) {
            return;
        }
        if (size.get() >= properties.maxEntries()) {
            dropAll();
        }
        long until = System.nanoTime() + properties.ttlMs() * 1_000_000L;
        var decisions = allowed.computeIfAbsent(userId, u -> new ConcurrentHashMap<>());
        if (decisions.put(key, until) == null) {
            size.incrementAndGet();
        }
        if (changedSince(userId, generationBefore) || !reusing()) {
            if (decisions.remove(key, until)) {
                size.decrementAndGet();
            }
        }
    }

    private boolean changedSince(String userId, long generationBefore) {
        if (everybodyChanged.get() > generationBefore) {
            return true;
        }
        var change = userChanges.get(userId);
        return (change == null ? forgottenUpTo : change.sequence()) > generationBefore;
    }

    /** A message on the channel: a heartbeat, or a relationship change (drop the named users' decisions, or all). */
    void heard(String message) {
        long now = System.nanoTime();
        boolean wasSilent = now - lastHeard > properties.silenceMs() * 1_000_000L;
        boolean heartbeat = AuthzChanges.HEARTBEAT.equals(message);
        var users = heartbeat ? null : AuthzChanges.usersOf(message);
        if (wasSilent || !heartbeat && users == null) {
            changedForEverybody(now);
        } else if (users != null) {
            // First mark the users as "changed, number not yet known": a check that reads the new
            // number below must already see its user as changed (fully consistent, nothing kept
            // from before), so the mark goes in before the number is raised.
            var pending = new Change(PENDING, now);
            for (var user : users) {
                userChanges.put(user, pending);
            }
            var change = new Change(sequence.incrementAndGet(), now);
            for (var user : users) {
                userChanges.put(user, change);
                var dropped = allowed.remove(user);
                if (dropped != null) {
                    size.addAndGet(-dropped.size());
                }
            }
        }
        if (now - lastForgotten > FORGET_EVERY_NANOS) {
            lastForgotten = now;
            forgetOldChanges(now);
        }
        lastHeard = now;
    }

    private void changedForEverybody(long now) {
        freshUntil = now + properties.floorMs() * 1_000_000L;
        everybodyChanged.accumulateAndGet(sequence.incrementAndGet(), Math::max);
        dropAll();
    }

    private void dropAll() {
        allowed.clear();
        size.set(0);
    }

    /** Forgets user changes heard long ago, remembering the newest forgotten sequence number instead. */
    private void forgetOldChanges(long now) {
        renewals.values().removeIf(claimed -> now - claimed > FORGET_EVERY_NANOS);
        for (var entry : userChanges.entrySet()) {
            var change = entry.getValue();
            if (change.sequence() != PENDING && now - change.heardAt() > CHANGE_MEMORY_NANOS) {
                if (change.sequence() > forgottenUpTo) {
                    forgottenUpTo = change.sequence();
                }
                userChanges.remove(entry.getKey(), change);
            }
        }
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
        everybodyChanged.accumulateAndGet(sequence.incrementAndGet(), Math::max);
        dropAll();
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
                        changedForEverybody(System.nanoTime());
                        listening = true;
                        log.info("permission decisions reused while {} is heard, dropped on changes", channel);
                    }
                });
                connection.sync().subscribe(channel);
                return; // from here on the client reconnects and resubscribes by itself
            } catch (RuntimeException e) {
                current = null;
                if (connection != null) {
                    connection.closeAsync();
                }
                if (closed) {
                    return;
                }
                log.warn("cannot subscribe to {} yet ({}); permission decisions are not reused", channel,
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

package io.beep.command.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kept permission decisions against the real Redis that {@code ./beep} starts: a kept decision is
 * reused until a relationship change is announced (the {@link AuthzChanges#CHANNEL} protocol, on a
 * channel of this test's own so the running saga's announcements do not interfere); after one,
 * checks are fully consistent for a window; a change naming users drops only theirs; a decision
 * computed across a change of its user is not kept; nothing is kept without the subscription or
 * while the channel is silent, and a heartbeat after a silence drops everything (announcements may
 * have been missed).
 */
class PermissionDecisionsIntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BEEP_REDIS_URL", "redis://127.0.0.1:6379");
    private final String channel = AuthzChanges.CHANNEL + ".test-" + UUID.randomUUID();
    private PermissionDecisions decisions;
    private RedisClient publisher;

    @AfterEach
    void tearDown() {
        if (decisions != null) {
            decisions.close();
        }
        if (publisher != null) {
            publisher.shutdown();
        }
    }

    @Test
    void aKeptDecisionIsReusedUntilARelationshipChangeIsAnnounced() {
        decisions = subscribed(60_000, 60_000);
        var key = "channel:" + UUID.randomUUID() + "#send@user:alice";
        decisions.keep("alice", key, decisions.generation());
        assertThat(decisions.allowed("alice", key)).isTrue();

        announce("zed-" + UUID.randomUUID());

        assertThat(eventually(() -> !decisions.allowed("alice", key))).as("dropped after the announcement").isTrue();
        assertThat(decisions.fresh("alice")).as("checks fully consistent right after a change").isTrue();
    }

    @Test
    void aChangeNamingUsersDropsOnlyTheirDecisionsAndMakesOnlyTheirChecksFullyConsistent() {
        decisions = subscribed(5_000, 60_000);
        assertThat(eventually(() -> !decisions.fresh("bob"))).as("window after subscribing over").isTrue();
        var aliceKey = "channel:" + UUID.randomUUID() + "#send@user:alice";
        var bobKey = "channel:" + UUID.randomUUID() + "#send@user:bob";
        decisions.keep("alice", aliceKey, decisions.generation());
        decisions.keep("bob", bobKey, decisions.generation());

        announce(AuthzChanges.users(List.of("alice", "zoe"), "zed-" + UUID.randomUUID()));

        assertThat(eventually(() -> !decisions.allowed("alice", aliceKey))).as("alice's dropped").isTrue();
        assertThat(decisions.fresh("alice")).as("alice's checks fully consistent right after her change").isTrue();
        assertThat(decisions.allowed("bob", bobKey)).as("bob's kept").isTrue();
        assertThat(decisions.fresh("bob")).as("bob's checks may read SpiceDB's cache").isFalse();
    }

    @Test
    void aDecisionComputedWhileAChangeOfItsUserArrivedIsNotKeptButOthersAre() {
        decisions = subscribed(60_000, 60_000);
        long before = decisions.generation();
        announce(AuthzChanges.users(List.of("carol"), "zed-" + UUID.randomUUID()));
        assertThat(eventually(() -> decisions.generation() != before)).isTrue();

        var carolKey = "server:" + UUID.randomUUID() + "#view@user:carol";
        var daveKey = "server:" + UUID.randomUUID() + "#view@user:dave";
        decisions.keep("carol", carolKey, before);
        decisions.keep("dave", daveKey, before);

        assertThat(decisions.allowed("carol", carolKey)).isFalse();
        assertThat(decisions.allowed("dave", daveKey)).isTrue();
    }

    @Test
    void aMalformedUsersAnnouncementCountsForEverybody() {
        decisions = subscribed(60_000, 60_000);
        var key = "channel:" + UUID.randomUUID() + "#view@user:frank";
        decisions.keep("frank", key, decisions.generation());
        assertThat(decisions.allowed("frank", key)).isTrue();

        announce(AuthzChanges.USERS_PREFIX + "gina");

        assertThat(eventually(() -> !decisions.allowed("frank", key))).as("no '|': read as a change for everybody")
                .isTrue();
    }

    @Test
    void aDecisionComputedWhileAChangeArrivedIsNotKept() {
        decisions = subscribed(60_000, 60_000);
        long before = decisions.generation();
        announce("zed-" + UUID.randomUUID());
        assertThat(eventually(() -> decisions.generation() != before)).isTrue();

        var key = "server:" + UUID.randomUUID() + "#view@user:bob";
        decisions.keep("bob", key, before);

        assertThat(decisions.allowed("bob", key)).isFalse();
    }

    @Test
    void theFullyConsistentWindowEnds() {
        decisions = subscribed(50, 60_000);
        announce("zed-" + UUID.randomUUID());
        assertThat(eventually(() -> !decisions.fresh("anyone") && decisions.reusing())).as("window over").isTrue();
    }

    @Test
    void aSilentChannelStopsReuseAndTheNextHeartbeatDropsEverything() {
        decisions = subscribed(50, 400);
        var key = "channel:" + UUID.randomUUID() + "#view@user:erin";
        assertThat(eventually(() -> {
            decisions.keep("erin", key, decisions.generation());
            return decisions.allowed("erin", key);
        })).isTrue();

        assertThat(eventually(() -> !decisions.reusing())).as("silent for longer than 400 ms").isTrue();
        assertThat(decisions.allowed("erin", key)).isFalse();
        announce(AuthzChanges.HEARTBEAT);
        assertThat(eventually(decisions::reusing)).isTrue();

        assertThat(decisions.allowed("erin", key)).as("dropped: announcements may have been missed while silent").isFalse();
    }

    @Test
    void withoutTheSubscriptionNothingIsKept() {
        decisions = new PermissionDecisions(new DecisionsProperties(true, 60_000, 50, 60_000, 0, "redis://127.0.0.1:1"),
                new SimpleMeterRegistry(), channel);
        var key = "channel:" + UUID.randomUUID() + "#view@user:carol";
        decisions.keep("carol", key, decisions.generation());

        assertThat(decisions.reusing()).isFalse();
        assertThat(decisions.allowed("carol", key)).isFalse();
        assertThat(decisions.fresh("carol")).as("nothing kept, so SpiceDB's cache may answer").isFalse();
    }

    @Test
    void switchedOffNothingIsKept() {
        decisions = new PermissionDecisions(new DecisionsProperties(false, 60_000, 50, 60_000, 0, REDIS),
                new SimpleMeterRegistry(), channel);
        var key = "channel:" + UUID.randomUUID() + "#view@user:dave";
        decisions.keep("dave", key, decisions.generation());

        assertThat(decisions.allowed("dave", key)).isFalse();
    }

    /** Subscribed and heard (a heartbeat), so decisions are reused. */
    private PermissionDecisions subscribed(long floorMs, long silenceMs) {
        var subscribed = new PermissionDecisions(new DecisionsProperties(true, 60_000, floorMs, silenceMs, 0, REDIS),
                new SimpleMeterRegistry(), channel);
        assertThat(eventually(() -> {
            announce(AuthzChanges.HEARTBEAT);
            return subscribed.reusing();
        })).as("subscribed to " + channel).isTrue();
        return subscribed;
    }

    private void announce(String message) {
        if (publisher == null) {
            publisher = RedisClient.create(REDIS);
        }
        try (var connection = publisher.connect()) {
            connection.sync().publish(channel, message);
        }
    }

    /** Polls for up to 10 s (far beyond a local pub/sub round trip; no timing is asserted). */
    private static boolean eventually(BooleanSupplier condition) {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}

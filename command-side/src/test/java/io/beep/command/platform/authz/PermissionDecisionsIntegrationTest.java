package io.beep.command.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kept permission decisions against the real Redis that {@code ./beep} starts: a kept decision is
 * reused until a relationship change is announced on {@link AuthzChanges#CHANNEL}; after one, checks
 * read at least as fresh as the announced token; a decision computed across a change is not kept;
 * without the subscription nothing is kept.
 */
class PermissionDecisionsIntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BEEP_REDIS_URL", "redis://127.0.0.1:6379");
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
        decisions = subscribed(new DecisionsProperties(true, 60_000, 60_000, 0, REDIS));
        var key = "channel:" + UUID.randomUUID() + "#send@user:alice";
        decisions.keep(key, decisions.generation());
        assertThat(decisions.allowed(key)).isTrue();
        assertThat(decisions.floor()).isNull();

        var token = "zed-" + UUID.randomUUID();
        announce(token);

        assertThat(eventually(() -> !decisions.allowed(key))).as("dropped after the announcement").isTrue();
        assertThat(decisions.floor()).isEqualTo(token);
    }

    @Test
    void aDecisionComputedWhileAChangeArrivedIsNotKept() {
        decisions = subscribed(new DecisionsProperties(true, 60_000, 60_000, 0, REDIS));
        long before = decisions.generation();
        announce("zed-" + UUID.randomUUID());
        assertThat(eventually(() -> decisions.generation() != before)).isTrue();

        var key = "server:" + UUID.randomUUID() + "#view@user:bob";
        decisions.keep(key, before);

        assertThat(decisions.allowed(key)).isFalse();
    }

    @Test
    void theFloorLastsOnlyItsWindow() {
        decisions = subscribed(new DecisionsProperties(true, 60_000, 50, 0, REDIS));
        var token = "zed-" + UUID.randomUUID();
        announce(token);
        assertThat(eventually(() -> decisions.floor() == null && decisions.generation() > 1))
                .as("floor gone after its window").isTrue();
    }

    @Test
    void withoutTheSubscriptionNothingIsKept() {
        decisions = new PermissionDecisions(new DecisionsProperties(true, 60_000, 3_000, 0, "redis://127.0.0.1:1"),
                new SimpleMeterRegistry());
        var key = "channel:" + UUID.randomUUID() + "#view@user:carol";
        decisions.keep(key, decisions.generation());

        assertThat(decisions.reusing()).isFalse();
        assertThat(decisions.allowed(key)).isFalse();
    }

    @Test
    void switchedOffNothingIsKept() {
        decisions = new PermissionDecisions(new DecisionsProperties(false, 60_000, 3_000, 0, REDIS),
                new SimpleMeterRegistry());
        var key = "channel:" + UUID.randomUUID() + "#view@user:dave";
        decisions.keep(key, decisions.generation());

        assertThat(decisions.allowed(key)).isFalse();
    }

    private static PermissionDecisions subscribed(DecisionsProperties properties) {
        var subscribed = new PermissionDecisions(properties, new SimpleMeterRegistry());
        assertThat(eventually(subscribed::reusing)).as("subscribed to " + AuthzChanges.CHANNEL).isTrue();
        return subscribed;
    }

    private void announce(String token) {
        if (publisher == null) {
            publisher = RedisClient.create(REDIS);
        }
        try (var connection = publisher.connect()) {
            assertThat(connection.sync().publish(AuthzChanges.CHANNEL, token)).isPositive();
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

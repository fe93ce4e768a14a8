package io.beep.saga.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.AuthzChanges;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches the announcement channel of the real Redis that {@code ./beep} starts: nothing for a
 * write that can only grant, the users for one that may shrink only theirs, the token otherwise.
 * (The running saga publishes on the same channel; this test looks only for its own tokens.)
 */
class RelationshipChangesIntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BEEP_REDIS_URL", "redis://127.0.0.1:6379");
    private final LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private RedisClient client;
    private RelationshipChanges changes;

    @BeforeEach
    void listen() {
        client = RedisClient.create(REDIS);
        var connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                heard.add(message);
            }
        });
        connection.sync().subscribe(AuthzChanges.CHANNEL);
        changes = new RelationshipChanges(new AuthzChangesProperties(REDIS, 2000));
    }

    @AfterEach
    void close() {
        changes.close();
        client.shutdown();
    }

    @Test
    void announcesOnlyWhatMayShrinkAPermissionAndToWhom() throws Exception {
        var grantOnly = "zed-" + UUID.randomUUID();
        var usersOnly = "zed-" + UUID.randomUUID();
        var everybody = "zed-" + UUID.randomUUID();

        changes.announce(ChangeScope.NONE, grantOnly);
        changes.announce(new ChangeScope(false, Set.of("42", "7")), usersOnly);
        changes.announce(ChangeScope.EVERYBODY, everybody);

        var ours = new ArrayList<String>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ours.contains(everybody) && System.nanoTime() < until) {
            var message = heard.poll(100, TimeUnit.MILLISECONDS);
            // skip the running saga's heartbeats and changes
            if (message != null && (message.contains(grantOnly) || message.contains(usersOnly)
                    || message.contains(everybody))) {
                ours.add(message);
            }
        }
        assertThat(ours).as("nothing for the grant, then the users, then everybody's token")
                .containsExactly("users:42,7|" + usersOnly, everybody);
    }
}

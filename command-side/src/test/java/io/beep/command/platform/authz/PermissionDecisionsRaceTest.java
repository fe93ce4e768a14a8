package io.beep.command.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.AuthzChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The interleavings of {@link PermissionDecisions} that a live Redis cannot produce on demand (found
 * in review, 2026-11-28): a check running while a users announcement is being recorded, and old user
 * changes being forgotten. Drives {@code heard} directly (no subscription: reuse is switched on by
 * hand) and pauses it inside its first write to the user changes.
 */
class PermissionDecisionsRaceTest {

    private PermissionDecisions decisions;

    @AfterEach
    void close() {
        if (decisions != null) {
            decisions.close();
        }
    }

    @Test
    void aCheckRunningWhileItsUsersChangeIsRecordedIsFullyConsistentOrNotKept() throws Exception {
        decisions = listening();
        var paused = new PausingMap();
        field("userChanges").set(decisions, paused);
        var key = "channel:1#send@user:alice";
        var heard = new Thread(() -> decisions.heard(AuthzChanges.users(List.of("alice"), "tok")));
        heard.start();
        paused.entered.await();

        // AuthzClient.check's order: allowed -> generation -> fresh -> (SpiceDB) -> keep
        assertThat(decisions.allowed("alice", key)).isFalse();
        long generation = decisions.generation();
        boolean fresh = decisions.fresh("alice");
        paused.release.countDown();
        heard.join();
        decisions.keep("alice", key, generation);

        assertThat(fresh || !decisions.allowed("alice", key))
                .as("either the check read the newest relationships or its answer is not kept (fresh=" + fresh + ")")
                .isTrue();
    }

    @Test
    void userChangesHeardLongAgoAreForgottenWhateverElseIsAnnounced() throws Exception {
        decisions = listening();
        @SuppressWarnings("unchecked")
        var changes = (Map<String, Object>) field("userChanges").get(decisions);
        Class<?> changeType = Class.forName(PermissionDecisions.class.getName() + "$Change");
        Constructor<?> change = changeType.getDeclaredConstructor(long.class, long.class);
        change.setAccessible(true);
        for (int i = 0; i < 2_000; i++) {
            decisions.heard(AuthzChanges.users(List.of("u" + i), "t"));
            var sequence = (long) changeType.getMethod("sequence").invoke(changes.get("u" + i));
            changes.put("u" + i, change.newInstance(sequence, System.nanoTime() - 120_000_000_000L));
            decisions.heard("zed-for-everybody");
        }
        long before = decisions.generation();
        field("lastForgotten").setLong(decisions, System.nanoTime() - 60_000_000_000L);

        decisions.heard(AuthzChanges.HEARTBEAT);

        assertThat(changes).as("changes older than a minute forgotten").isEmpty();
        decisions.keep("u7", "server:1#view@user:u7", before);
        assertThat(decisions.allowed("u7", "server:1#view@user:u7"))
                .as("a check that began after the forgotten changes keeps its answer").isTrue();
    }

    /** Reuse on, the window after "subscribing" over. */
    private static PermissionDecisions listening() throws Exception {
        var decisions = new PermissionDecisions(new DecisionsProperties(false, 120_000, 3_000, 60_000, 100_000, null),
                new SimpleMeterRegistry(), "race-test");
        field("listening").setBoolean(decisions, true);
        decisions.heard(AuthzChanges.HEARTBEAT);
        field("freshUntil").setLong(decisions, System.nanoTime() - 1);
        return decisions;
    }

    private static Field field(String name) throws Exception {
        var field = PermissionDecisions.class.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** Pauses the first put until released. */
    static final class PausingMap extends ConcurrentHashMap<Object, Object> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean pause = true;

        @Override
        public Object put(Object key, Object value) {
            if (pause) {
                pause = false;
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.put(key, value);
        }
    }
}

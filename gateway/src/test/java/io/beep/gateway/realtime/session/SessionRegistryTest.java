package io.beep.gateway.realtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sessions number dispatches, keep a bounded replay buffer and resume exactly where a client left off. */
class SessionRegistryTest {

    static final class Socket implements Outbound {
        final List<String> frames = new ArrayList<>();
        int closeCode;

        @Override
        public boolean send(String frame) {
            frames.add(frame);
            return closeCode == 0;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    final SessionRegistry registry = new SessionRegistry("a", 5);

    @Test
    void readyIsTheFirstDispatchAndSequencesIncreaseByOne() {
        var socket = new Socket();
        var session = registry.open("u1", "alice", Set.of("s1"));
        registry.start(session, socket, "{}");
        session.dispatch("MESSAGE_CREATE", "{\"id\":\"1\"}");
        assertThat(socket.frames).containsExactly(
                "{\"op\":\"DISPATCH\",\"t\":\"READY\",\"s\":1,\"d\":{}}",
                "{\"op\":\"DISPATCH\",\"t\":\"MESSAGE_CREATE\",\"s\":2,\"d\":{\"id\":\"1\"}}");
        assertThat(session.id()).startsWith("a.");
    }

    @Test
    void resumeReplaysWhatWasMissedWhileDetachedThenResumed() {
        var first = new Socket();
        var session = registry.open("u1", "alice", Set.of());
        registry.start(session, first, "{}");
        session.dispatch("X", "1");
        session.detach(first);
        session.dispatch("X", "2");
        session.dispatch("X", "3");
        var second = new Socket();
        assertThat(registry.resume(session, second, 2, "{}")).isTrue();
        assertThat(second.frames).containsExactly(
                "{\"op\":\"DISPATCH\",\"t\":\"X\",\"s\":3,\"d\":2}",
                "{\"op\":\"DISPATCH\",\"t\":\"X\",\"s\":4,\"d\":3}",
                "{\"op\":\"DISPATCH\",\"t\":\"RESUMED\",\"s\":5,\"d\":{}}");
        session.dispatch("X", "4");
        assertThat(second.frames).last().isEqualTo("{\"op\":\"DISPATCH\",\"t\":\"X\",\"s\":6,\"d\":4}");
    }

    @Test
    void resumeFailsWhenMissedDispatchesFellOutOfTheBuffer() {
        var first = new Socket();
        var session = registry.open("u1", "alice", Set.of());
        registry.start(session, first, "{}");
        session.detach(first);
        for (int i = 0; i < 6; i++) {
            session.dispatch("X", Integer.toString(i));
        }
        assertThat(registry.resume(session, new Socket(), 1, "{}")).isFalse();
        assertThat(registry.find(session.id())).isEmpty();
    }

    @Test
    void resumeFailsFromASequenceNeverSent() {
        var session = registry.open("u1", "alice", Set.of());
        registry.start(session, new Socket(), "{}");
        assertThat(registry.resume(session, new Socket(), 7, "{}")).isFalse();
    }

    @Test
    void resumingOnANewSocketClosesTheOldOne() {
        var first = new Socket();
        var session = registry.open("u1", "alice", Set.of());
        registry.start(session, first, "{}");
        assertThat(registry.resume(session, new Socket(), 1, "{}")).isTrue();
        assertThat(first.closeCode).isEqualTo(4011);
    }

    @Test
    void membershipIndexFollowsChangesAndForgetsUsersWithoutSessions() {
        var gone = new ArrayList<String>();
        registry.onUserGone(gone::add);
        var session = registry.open("u1", "alice", Set.of("s1"));
        assertThat(registry.membersOf("s1")).containsExactly("u1");
        assertThat(registry.setMember("u1", "s2", true)).isTrue();
        assertThat(registry.setMember("u1", "s1", false)).isTrue();
        assertThat(registry.membersOf("s1")).isEmpty();
        assertThat(registry.serversOf("u1")).containsExactly("s2");
        assertThat(registry.setMember("u2", "s2", true)).isFalse();

        registry.start(session, new Socket(), "{}");
        var socket = new Socket();
        session.detach(socket);
        registry.sweep(System.nanoTime(), 60_000_000_000L);
        assertThat(registry.find(session.id())).isPresent();
        session.end(1001, "bye");
        registry.sweep(System.nanoTime(), 60_000_000_000L);
        assertThat(registry.find(session.id())).isEmpty();
        assertThat(registry.membersOf("s2")).isEmpty();
        assertThat(gone).containsExactly("u1");
    }
}

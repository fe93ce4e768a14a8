package io.beep.saga.friendship;

import io.beep.saga.platform.authz.Tuple;
import java.util.List;

/** The DM relationships of docs/permissions.md: recipients may read, senders may post. */
final class DmTuples {

    private DmTuples() {
    }

    static List<Tuple> recipients(String channel, String a, String b) {
        return List.of(Tuple.of("channel", channel, "recipient", "user", a),
                Tuple.of("channel", channel, "recipient", "user", b));
    }

    static List<Tuple> senders(String channel, String a, String b) {
        return List.of(Tuple.of("channel", channel, "sender", "user", a),
                Tuple.of("channel", channel, "sender", "user", b));
    }
}

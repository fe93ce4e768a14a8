package io.beep.contracts.server;

import java.time.Instant;
import java.util.List;

/** A member of a server as clients see it; {@code roleIds} exclude the everyone role. */
public record MemberView(String userId, String nickname, List<String> roleIds, Instant mutedUntil, Instant joinedAt) {
}

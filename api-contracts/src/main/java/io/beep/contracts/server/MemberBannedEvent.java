package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;
import java.time.Instant;
import java.util.Set;

/** A user was banned; if {@code wasMember} they were removed, losing {@code roleIds}. */
@EventRevision("1")
public record MemberBannedEvent(ServerId serverId, UserId userId, UserId bannedBy, String reason, boolean wasMember, Set<RoleId> roleIds, Instant bannedAt) implements ServerEvent {
}

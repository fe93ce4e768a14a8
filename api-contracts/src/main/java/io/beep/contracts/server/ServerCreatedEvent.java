package io.beep.contracts.server;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * A server came to be. The owner is its first member and holds every permission; the everyone
 * role, which every member has, starts with {@code everyonePermissions}. A text channel
 * {@code defaultChannelId} named "general" is created for it right after.
 */
@EventRevision("1")
public record ServerCreatedEvent(
        ServerId serverId,
        String name,
        String description,
        Visibility visibility,
        UserId ownerId,
        RoleId everyoneRoleId,
        Set<Permission> everyonePermissions,
        ChannelId defaultChannelId,
        Instant createdAt) implements ServerEvent {
}

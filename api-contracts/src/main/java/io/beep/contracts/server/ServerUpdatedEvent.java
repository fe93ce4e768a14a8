package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;

/** A server's settings changed; carries the whole new settings. */
@EventRevision("1")
public record ServerUpdatedEvent(ServerId serverId, String name, String description, Visibility visibility, UserId updatedBy) implements ServerEvent {
}

package io.beep.contracts.server;

import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.RoleId;

/**
 * A role was deleted; every assignment and overwrite naming it goes with it. Revision 2 adds the role's
 * {@code name} at deletion, so the audit log can still say which role went after its view row is gone;
 * revision-1 events read back with {@code name} null (unknown), see {@link io.beep.contracts.common.EventUpcasts}.
 */
@EventRevision("2")
public record RoleDeletedEvent(ServerId serverId, RoleId roleId, UserId deletedBy, String name) implements ServerEvent {
}

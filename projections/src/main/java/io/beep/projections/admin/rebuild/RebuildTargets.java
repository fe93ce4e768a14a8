package io.beep.projections.admin.rebuild;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The storage of every rebuildable processor. A processor's handler classes are found by their
 * {@code @ProcessingGroup}; only where they write is declared here. PostgreSQL: a processor that
 * gets a new table must list it here, or a rebuild would switch without it (a table written by
 * two processors cannot be rebuilt by either). Mongo: the collections the handlers open are found
 * as they open them (declared ones come on top).
 */
@Component
public class RebuildTargets {

    private static final Map<String, ViewStorage> STORAGE = Map.of(
            "server-views", new PostgresTables(List.of("server_view", "server_member", "server_role", "member_role",
                    "server_ban", "channel_view", "invite_view")),
            "friendships", new PostgresTables(List.of("friend_request_view", "friend_view", "private_channel_view",
                    "private_channel_recipient")),
            "channel-overwrites", new PostgresTables(List.of("channel_overwrite")),
            "audit-log", new PostgresTables(List.of("audit_log_entry")),
            // MessageStore's collections, webhooks, message_attachments: whatever the handlers open
            "messages", new MongoCollections(List.of()));

    /** The storage of {@code processor}, if it can be rebuilt. */
    public Optional<ViewStorage> of(String processor) {
        return Optional.ofNullable(STORAGE.get(processor));
    }
}

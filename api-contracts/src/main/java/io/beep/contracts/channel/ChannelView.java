package io.beep.contracts.channel;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A channel as clients see it; {@code type} is one of text, conference, category, thread, dm,
 * group. {@code serverId} is null and {@code recipientIds} set only for dm and group channels.
 * {@code position} is the channel's place in its server's list (lists order by position, then id);
 * absent where not known.
 */
public record ChannelView(
        String id,
        String serverId,
        String type,
        String name,
        String parentId,
        List<String> recipientIds,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer position) {

    /** A channel whose place in the list is not stated. */
    public ChannelView(String id, String serverId, String type, String name, String parentId,
                       List<String> recipientIds, Instant createdAt) {
        this(id, serverId, type, name, parentId, recipientIds, createdAt, null);
    }
}

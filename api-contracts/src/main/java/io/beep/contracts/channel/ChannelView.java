package io.beep.contracts.channel;

import java.time.Instant;
import java.util.List;

/**
 * A channel as clients see it; {@code type} is one of text, conference, category, thread, dm,
 * group. {@code serverId} is null and {@code recipientIds} set only for dm and group channels.
 */
public record ChannelView(
        String id,
        String serverId,
        String type,
        String name,
        String parentId,
        List<String> recipientIds,
        Instant createdAt) {
}

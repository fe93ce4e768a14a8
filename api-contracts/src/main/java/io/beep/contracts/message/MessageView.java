package io.beep.contracts.message;

import java.time.Instant;
import java.util.List;

/** A message as clients see it; {@code type} is {@code default} or a system type in lower case. */
public record MessageView(
        String id,
        String channelId,
        String serverId,
        String authorId,
        String content,
        Instant createdAt,
        Instant editedAt,
        boolean pinned,
        String type,
        List<AttachmentView> attachments,
        String replyTo,
        String nonce) {
}

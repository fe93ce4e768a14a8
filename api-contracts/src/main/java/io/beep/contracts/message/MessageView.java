package io.beep.contracts.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as clients see it; {@code type} is {@code default} or a system type in lower case.
 * {@code webhookId} and {@code authorName} are set only for messages posted through a webhook
 * ({@code authorId} is then the webhook's id and {@code authorName} the name it is shown with).
 * {@code authorDeleted}: the author deleted their account (the message stays; clients show
 * "Deleted User").
 */
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
        String nonce,
        String webhookId,
        String authorName,
        boolean authorDeleted) {

    /** A message whose author's account exists. */
    public MessageView(String id, String channelId, String serverId, String authorId, String content,
                       Instant createdAt, Instant editedAt, boolean pinned, String type,
                       List<AttachmentView> attachments, String replyTo, String nonce, String webhookId,
                       String authorName) {
        this(id, channelId, serverId, authorId, content, createdAt, editedAt, pinned, type, attachments, replyTo,
                nonce, webhookId, authorName, false);
    }

    /** A message written by a user. */
    public MessageView(String id, String channelId, String serverId, String authorId, String content,
                       Instant createdAt, Instant editedAt, boolean pinned, String type,
                       List<AttachmentView> attachments, String replyTo, String nonce) {
        this(id, channelId, serverId, authorId, content, createdAt, editedAt, pinned, type, attachments, replyTo,
                nonce, null, null);
    }

    /** The same message with other attachments (download links are added at read time). */
    public MessageView withAttachments(List<AttachmentView> newAttachments) {
        return new MessageView(id, channelId, serverId, authorId, content, createdAt, editedAt, pinned, type,
                newAttachments, replyTo, nonce, webhookId, authorName, authorDeleted);
    }
}

package io.beep.projections.message;

import io.beep.contracts.common.MessageId;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.SearchTokens;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageUnpinnedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One document per message in {@link MessageStore#COLLECTION}: layout in {@link MessageStore}.
 * {@code tokens} holds the normalised words of the content for search ({@link SearchTokens}).
 * Creation inserts once; later events change the document only if it is older than them (see
 * {@link MessageStore}), so replays and redeliveries never duplicate, undo or resurrect.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
public class MessageProjection {

    public static final String PROCESSING_GROUP = "messages";

    private final MessageStore store;

    public MessageProjection(MessageStore store) {
        this.store = store;
    }

    @EventHandler
    void on(MessageSentEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        var sentAt = event.sentAt() != null ? event.sentAt() : storedAt;
        var document = new Document("_id", id(event.messageId()))
                .append("channelId", event.channelId().value())
                .append("serverId", event.serverId() == null ? null : event.serverId().value())
                .append("authorId", event.authorId().value())
                .append("content", event.content())
                .append("type", event.type() == null ? "default" : event.type().name().toLowerCase(Locale.ROOT))
                .append("nonce", event.nonce())
                .append("replyTo", event.replyTo() == null ? null : id(event.replyTo()))
                .append("createdAt", Date.from(sentAt))
                .append("editedAt", null)
                .append("pinned", false)
                .append("attachments", List.of())
                .append("tokens", SearchTokens.of(event.content()))
                .append("position", EventPositions.of(token));
        store.create(document);
    }

    @EventHandler
    void on(MessageEditedEvent event, TrackingToken token) {
        store.change(id(event.messageId()), EventPositions.of(token), new Document("content", event.content())
                .append("tokens", SearchTokens.of(event.content()))
                .append("editedAt", Date.from(event.editedAt())));
    }

    @EventHandler
    void on(MessagePinnedEvent event, TrackingToken token) {
        store.change(id(event.messageId()), EventPositions.of(token), new Document("pinned", true)
                .append("pinnedAt", Date.from(event.pinnedAt())));
    }

    @EventHandler
    void on(MessageUnpinnedEvent event, TrackingToken token) {
        store.change(id(event.messageId()), EventPositions.of(token), new Document("pinned", false)
                .append("pinnedAt", null));
    }

    @EventHandler
    void on(MessageDeletedEvent event, TrackingToken token) {
        store.delete(id(event.messageId()), event.channelId().value(), EventPositions.of(token));
    }

    private static long id(MessageId id) {
        return Long.parseLong(id.value());
    }
}

package io.beep.projections.message;

import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageSentByWebhookEvent;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.contracts.message.SearchTokens;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageUnpinnedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;
import io.beep.contracts.account.AccountDeletedEvent;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.server.ServerDeletedEvent;

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
        var words = SearchTokens.of(event.content());
        var serverId = event.serverId() == null ? null : event.serverId().value();
        var document = new Document("_id", event.messageId().value())
                .append("channelId", event.channelId().value())
                .append("serverId", serverId)
                .append("authorId", event.authorId().value())
                .append("content", event.content())
                .append("type", event.type() == null ? "default" : event.type().name().toLowerCase(Locale.ROOT))
                .append("nonce", event.nonce())
                .append("replyTo", event.replyTo() == null ? null : event.replyTo().value())
                .append("createdAt", Date.from(sentAt))
                .append("editedAt", null)
                .append("pinned", false)
                .append("attachments", List.of())
                .append("tokens", words)
                .append("position", EventPositions.of(token));
        // the store numbers the message in its search scope and adds its search keys (sk)
        store.create(document);
    }

    @EventHandler
    void on(MessageEditedEvent event, TrackingToken token) {
        var existing = store.find(event.messageId().value());
        if (existing.isEmpty()) {
            return; // deleted since: the edit has nothing left to change
        }
        var words = withFileWords(SearchTokens.of(event.content()), existing.get());
        var scope = MessageViewKeys.scope(existing.get().getString("serverId"), event.channelId().value());
        store.change(event.messageId().value(), event.channelId().value(), EventPositions.of(token), new Document("content", event.content())
                .append("tokens", words)
                .append("sk", searchKeys(scope, words, existing.get()))
                .append("editedAt", Date.from(event.editedAt())));
    }

    /**
     * Files sent with the message: {@code attachments} [{id, filename, size, contentType}] (download
     * links are made at read time), and the words of their file names ({@code fileTokens}) join the
     * message's search words.
     */
    @EventHandler
    void on(MessageAttachmentsAddedEvent event, TrackingToken token) {
        var existing = store.find(event.messageId().value());
        if (existing.isEmpty()) {
            return;
        }
        var attachments = event.attachments().stream()
                .map(a -> new Document("id", a.id()).append("filename", a.filename()).append("size", a.size())
                        .append("contentType", a.contentType()))
                .toList();
        var fileWords = new LinkedHashSet<String>();
        event.attachments().forEach(a -> fileWords.addAll(SearchTokens.of(a.filename())));
        var words = new LinkedHashSet<>(SearchTokens.of(existing.get().getString("content")));
        words.addAll(fileWords);
        var scope = MessageViewKeys.scope(existing.get().getString("serverId"), event.channelId().value());
        store.change(event.messageId().value(), event.channelId().value(), EventPositions.of(token), new Document("attachments", attachments)
                .append("fileTokens", List.copyOf(fileWords))
                .append("tokens", List.copyOf(words))
                .append("sk", searchKeys(scope, words, existing.get())));
    }

    /** A message posted through a webhook: which webhook, and the name it is shown with. */
    @EventHandler
    void on(MessageSentByWebhookEvent event, TrackingToken token) {
        store.change(event.messageId().value(), event.channelId().value(), EventPositions.of(token), new Document("webhookId", event.webhookId())
                .append("authorName", event.displayName()));
    }

    /**
     * The search keys of the message's new words: in its buckets when it has a number in its scope,
     * else in the layout it was stored with (before buckets), so the words of the old text go.
     */
    private static List<String> searchKeys(String scope, Collection<String> words, Document message) {
        return message.get(MessageViewKeys.SCOPE_NUMBER) instanceof Number number
                ? MessageViewKeys.searchKeys(scope, words, number.longValue())
                : MessageViewKeys.searchKeys(scope, words);
    }

    /** The content's words followed by the file names' words the message keeps in {@code fileTokens}. */
    private static List<String> withFileWords(List<String> contentWords, Document message) {
        var fileWords = message.getList("fileTokens", String.class);
        if (fileWords == null || fileWords.isEmpty()) {
            return contentWords;
        }
        var words = new LinkedHashSet<>(contentWords);
        words.addAll(fileWords);
        return List.copyOf(words);
    }

    @EventHandler
    void on(MessagePinnedEvent event, TrackingToken token) {
        store.change(event.messageId().value(), event.channelId().value(), EventPositions.of(token), new Document("pinned", true)
                .append("pinnedAt", Date.from(event.pinnedAt()))
                .append("pk", event.channelId().value()));
    }

    @EventHandler
    void on(MessageUnpinnedEvent event, TrackingToken token) {
        store.change(event.messageId().value(), event.channelId().value(), EventPositions.of(token), new Document("pinned", false)
                .append("pinnedAt", null)
                .append("pk", null));
    }

    @EventHandler
    void on(MessageDeletedEvent event, TrackingToken token) {
        store.delete(event.messageId().value(), event.channelId().value(), EventPositions.of(token));
    }

    /**
     * A server channel: remembered with its server and, for a thread, its channel, for the deletions
     * below (a category's channels outlive it, so only a thread's parent counts).
     */
    @EventHandler
    void on(ChannelCreatedEvent event) {
        var thread = event.type() == ChannelType.THREAD && event.parentId() != null;
        store.channelCreated(event.channelId().value(), event.serverId() == null ? null : event.serverId().value(),
                thread ? event.parentId().value() : null);
    }

    /** A deleted channel's messages, and its threads' messages, leave the view and the search copy. */
    @EventHandler
    void on(ChannelDeletedEvent event) {
        store.deleteChannel(event.channelId().value());
    }

    /** A deleted server's messages leave the view and the search copy. */
    @EventHandler
    void on(ServerDeletedEvent event) {
        store.deleteServer(event.serverId().value());
    }

    /** The author deleted their account: their messages stay, shown with a deleted author. */
    @EventHandler
    void on(AccountDeletedEvent event) {
        store.markAuthorDeleted(event.userId().value());
    }
}

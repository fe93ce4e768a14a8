package io.beep.queryside.message;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.beep.contracts.common.Page;
import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import io.beep.queryside.platform.web.Paging;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code messages} collection the projections write: {@code _id} (and {@code replyTo})
 * are 64-bit integers, {@code channelId} and {@code serverId} decimal strings. Each page is one
 * range over the index {@code {channelId: 1, _id: -1}}, sorted by {@code _id} and limited.
 */
@Component
public class MessageReader {

    static final String COLLECTION = "messages";
    static final int MAX_PINS = 100;
    private static final Bson FIELDS = Projections.exclude("tokens", "position", "pinnedAt");

    private final MongoCollection<Document> messages;

    public MessageReader(MongoDatabase database) {
        this.messages = database.getCollection(COLLECTION);
    }

    /**
     * A page of the channel's history, newest first. {@code nextCursor} is the message id to pass
     * as {@code before} (for the newest page and BEFORE pages) or {@code after} (for AFTER pages)
     * to read on in the same direction; null when the page was not full, and for AROUND pages.
     */
    public Page<MessageView> history(long channelId, HistoryQuery query) {
        var channel = eq("channelId", Long.toString(channelId));
        List<Document> page = switch (query.anchor()) {
            case LATEST -> older(channel, query.limit());
            case BEFORE -> older(and(channel, lt("_id", query.messageId())), query.limit());
            case AFTER -> newer(and(channel, gt("_id", query.messageId())), query.limit());
            case AROUND -> {
                var around = new ArrayList<>(newer(and(channel, gt("_id", query.messageId())), query.newerShare()));
                around.addAll(older(and(channel, lte("_id", query.messageId())),
                        query.limit() - query.newerShare()));
                yield around;
            }
        };
        var items = page.stream().map(MessageReader::view).toList();
        String next = null;
        if (items.size() == query.limit()) {
            next = switch (query.anchor()) {
                case LATEST, BEFORE -> items.get(items.size() - 1).id();
                case AFTER -> items.get(0).id();
                case AROUND -> null;
            };
        }
        return Page.of(items, next);
    }

    /** The channel's pinned messages, most recently pinned first (at most {@value #MAX_PINS}). */
    public List<MessageView> pins(long channelId) {
        return messages.find(and(eq("channelId", Long.toString(channelId)), eq("pinned", true)))
                .projection(FIELDS).sort(descending("pinnedAt")).limit(MAX_PINS)
                .map(MessageReader::view).into(new ArrayList<>());
    }

    /**
     * Messages of the given channels whose words match every term of the query, newest first:
     * each term matches a word it starts ({@code caf} finds "Café"). {@code before} (a message id)
     * resumes below the previous page; {@code authorId} narrows to one author. Terms are letters and
     * digits only (see {@link SearchTokens}), so an anchored regex on the multikey {@code tokens}
     * needs no escaping and is an index range on MongoDB.
     */
    public Page<MessageView> search(List<String> channelIds, List<String> terms, String authorId, Long before,
                                    int limit) {
        if (channelIds.isEmpty() || terms.isEmpty()) {
            return Page.of(List.of(), null);
        }
        var filters = new ArrayList<Bson>();
        filters.add(channelIds.size() == 1 ? eq("channelId", channelIds.get(0)) : in("channelId", channelIds));
        for (var term : terms) {
            filters.add(regex("tokens", "^" + term));
        }
        if (authorId != null) {
            filters.add(eq("authorId", authorId));
        }
        if (before != null) {
            filters.add(lt("_id", before));
        }
        var items = messages.find(and(filters)).projection(FIELDS).sort(descending("_id")).limit(limit)
                .map(MessageReader::view).into(new ArrayList<>());
        var next = items.size() == limit ? Paging.cursorAfter(Long.parseLong(items.get(items.size() - 1).id())) : null;
        return Page.of(items, next);
    }

    /** One message of the channel. */
    public Optional<MessageView> find(long channelId, long messageId) {
        return Optional.ofNullable(messages.find(and(eq("_id", messageId), eq("channelId", Long.toString(channelId))))
                .projection(FIELDS).first()).map(MessageReader::view);
    }

    private List<Document> older(Bson filter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return messages.find(filter).projection(FIELDS).sort(descending("_id")).limit(limit).into(new ArrayList<>());
    }

    /** The {@code limit} oldest matches, returned newest first. */
    private List<Document> newer(Bson filter, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var ascendingPage = messages.find(filter).projection(FIELDS).sort(ascending("_id")).limit(limit)
                .into(new ArrayList<>());
        Collections.reverse(ascendingPage);
        return ascendingPage;
    }

    static MessageView view(Document d) {
        return new MessageView(
                idString(d.get("_id")),
                idString(d.get("channelId")),
                idString(d.get("serverId")),
                d.getString("authorId"),
                d.getString("content"),
                instant(d.getDate("createdAt")),
                instant(d.getDate("editedAt")),
                Boolean.TRUE.equals(d.getBoolean("pinned")),
                d.getString("type"),
                attachments(d.getList("attachments", Document.class)),
                idString(d.get("replyTo")),
                d.getString("nonce"));
    }

    private static List<AttachmentView> attachments(List<Document> attachments) {
        if (attachments == null) {
            return List.of();
        }
        return attachments.stream()
                .map(a -> new AttachmentView(idString(a.get("id")), a.getString("filename"),
                        a.get("size") instanceof Number n ? n.longValue() : 0, a.getString("contentType"),
                        a.getString("url")))
                .toList();
    }

    private static String idString(Object id) {
        if (id == null) {
            return null;
        }
        return id instanceof Number n ? Long.toString(n.longValue()) : id.toString();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}

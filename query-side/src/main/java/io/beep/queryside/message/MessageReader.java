package io.beep.queryside.message;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.beep.contracts.common.Page;
import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.queryside.platform.web.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Reads the message view the projections write (layout in {@link MessageViewKeys}). Every store
 * query is an equality on one key and returns a bounded set; ordering, ranges and limits are
 * applied here, so a page costs the same on MongoDB and on FerretDB whatever the size of the
 * channel or of the collection.
 *
 * <p>History walks the channel's pages ({@code hp}) from the page of the anchor: one page more
 * than needed is read in the direction of travel, because page numbers follow the order the
 * projection saw the messages, which may differ from id order by a few messages at a boundary.
 */
@Component
public class MessageReader {

    static final String COLLECTION = "message_view";
    static final String CHANNELS = "message_view_channels";
    static final String SEARCH = "message_search";
    static final int MAX_PINS = 100;
    private static final Bson FIELDS = Projections.exclude("hp", "pk", "position", "pinnedAt");
    /** Search reads the search copy and needs its words ({@code tokens}) to check every term. */
    private static final Bson SEARCH_FIELDS = Projections.exclude("sk", "fileTokens", "hp", "pk", "position", "pinnedAt");
    private static final Comparator<Document> NEWEST_FIRST =
            Comparator.comparingLong((Document d) -> id(d)).reversed();

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> search;

    public MessageReader(MongoDatabase database) {
        this.messages = database.getCollection(COLLECTION);
        this.channels = database.getCollection(CHANNELS);
        this.search = database.getCollection(SEARCH);
    }

    /**
     * A page of the channel's history, newest first. {@code nextCursor} is the message id to pass
     * as {@code before} (for the newest page and BEFORE pages) or {@code after} (for AFTER pages)
     * to read on in the same direction; null when the page was not full, and for AROUND pages.
     */
    public Page<MessageView> history(long channelId, HistoryQuery query) {
        var channel = Long.toString(channelId);
        var top = topPage(channel);
        if (top < 0) {
            return Page.of(List.of(), null);
        }
        long anchor = query.messageId();
        List<Document> page = switch (query.anchor()) {
            case LATEST -> older(channel, top, top, id -> true, query.limit());
            case BEFORE -> older(channel, Math.min(top, pageOf(channel, anchor, top) + 1), top,
                    id -> id < anchor, query.limit());
            case AFTER -> newer(channel, Math.max(0, pageOf(channel, anchor, top) - 1), top,
                    id -> id > anchor, query.limit());
            case AROUND -> {
                long at = pageOf(channel, anchor, top);
                var around = new ArrayList<>(newer(channel, Math.max(0, at - 1), top, id -> id > anchor,
                        query.newerShare()));
                around.addAll(older(channel, Math.min(top, at + 1), top, id -> id <= anchor,
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
        var pinned = messages.find(eq("pk", Long.toString(channelId))).into(new ArrayList<>());
        pinned.sort(Comparator.comparing((Document d) -> d.getDate("pinnedAt"),
                Comparator.nullsLast(Comparator.reverseOrder())));
        return pinned.stream().limit(MAX_PINS).map(MessageReader::view).toList();
    }

    /**
     * Messages in {@code scope} (see {@link MessageViewKeys#scope}) of the given channels whose words
     * match every term, newest first: each term matches a word it starts ({@code caf} finds "Café").
     * One lookup of the longest term's key; the other terms, the channels, the author and the
     * cursor ({@code before}, a message id) are checked on the few documents it returns.
     */
    public Page<MessageView> search(String scope, Set<String> channelIds, List<String> terms, String authorId,
                                    Long before, int limit) {
        var searchable = terms.stream().filter(t -> t.length() >= MessageViewKeys.MIN_PREFIX).toList();
        if (channelIds.isEmpty() || searchable.isEmpty()) {
            return Page.of(List.of(), null);
        }
        var longest = searchable.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        // one plain filter document, never Filters.and: FerretDB 1.x pushes the equalities of a plain
        // filter down to PostgreSQL but reads the whole collection for an explicit $and
        var filter = new Document("sk", MessageViewKeys.searchKey(scope, longest));
        if (before != null) {
            filter.append("n", new Document("$lt", before));
        }
        var found = new ArrayList<Document>();
        // newest first by n (the id as a number): on MongoDB an index walk that stops at the limit;
        // FerretDB returns the key's documents and orders them itself
        try (var cursor = search.find(filter)
                .projection(SEARCH_FIELDS).sort(descending("n")).batchSize(Math.max(limit, 100)).cursor()) {
            while (cursor.hasNext() && found.size() < limit) {
                var d = cursor.next();
                if (channelIds.contains(d.getString("channelId"))
                        && (authorId == null || authorId.equals(d.getString("authorId")))
                        && (before == null || id(d) < before)
                        && MessageViewKeys.matches(d.getList("tokens", String.class, List.of()), searchable)) {
                    found.add(d);
                }
            }
        }
        found.sort(NEWEST_FIRST);
        var items = found.stream().limit(limit).map(MessageReader::view).toList();
        var next = items.size() == limit ? Paging.cursorAfter(Long.parseLong(items.get(items.size() - 1).id())) : null;
        return Page.of(items, next);
    }

    /** One message of the channel. */
    public Optional<MessageView> find(long channelId, long messageId) {
        return Optional.ofNullable(messages.find(eq("_id", Long.toString(messageId))).projection(FIELDS).first())
                .filter(d -> Long.toString(channelId).equals(d.getString("channelId")))
                .filter(d -> !Boolean.TRUE.equals(d.getBoolean("deleted")))
                .map(MessageReader::view);
    }

    /** The highest history page of the channel, or -1 when it has no messages. */
    private long topPage(String channel) {
        var counter = channels.find(eq("_id", channel)).first();
        if (counter == null || !(counter.get("seq") instanceof Number next) || next.longValue() <= 0) {
            return -1;
        }
        return MessageViewKeys.page(next.longValue() - 1);
    }

    /**
     * The page holding (or that held) message {@code id} of the channel: from its document (or
     * tombstone), else found by bisecting the pages on their ids (an id that never existed).
     */
    private long pageOf(String channel, long id, long top) {
        var key = Long.toString(id);
        // a deleted message's tombstone keeps its seq, so a cursor naming it still finds its page
        var known = seqOf(messages.find(eq("_id", key)).projection(Projections.include("channelId", "seq")).first(),
                channel);
        if (known.isPresent()) {
            return MessageViewKeys.page(known.getAsLong());
        }
        long low = 0;
        long high = top;
        while (low < high) {
            long mid = (low + high + 1) >>> 1;
            var ids = page(channel, mid).stream().mapToLong(MessageReader::id).min();
            if (ids.isEmpty() || ids.getAsLong() <= id) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static OptionalLong seqOf(Document d, String channel) {
        if (d == null || !channel.equals(d.getString("channelId")) || !(d.get("seq") instanceof Number seq)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seq.longValue());
    }

    private List<Document> page(String channel, long page) {
        return messages.find(eq("hp", MessageViewKeys.pageKey(channel, page))).projection(FIELDS)
                .into(new ArrayList<>());
    }

    /** The {@code limit} newest matches, reading pages downwards from {@code from}; newest first. */
    private List<Document> older(String channel, long from, long top, LongPredicate wanted, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var found = new ArrayList<Document>();
        boolean extraRead = false;
        for (long p = from; p >= 0; p--) {
            for (var d : page(channel, p)) {
                if (wanted.test(id(d))) {
                    found.add(d);
                }
            }
            if (found.size() >= limit) {
                if (extraRead) {
                    break;
                }
                extraRead = true;
            }
        }
        found.sort(NEWEST_FIRST);
        return found.size() > limit ? new ArrayList<>(found.subList(0, limit)) : found;
    }

    /** The {@code limit} oldest matches, reading pages upwards from {@code from}; newest first. */
    private List<Document> newer(String channel, long from, long top, LongPredicate wanted, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var found = new ArrayList<Document>();
        boolean extraRead = false;
        for (long p = from; p <= top; p++) {
            for (var d : page(channel, p)) {
                if (wanted.test(id(d))) {
                    found.add(d);
                }
            }
            if (found.size() >= limit) {
                if (extraRead) {
                    break;
                }
                extraRead = true;
            }
        }
        found.sort(NEWEST_FIRST);
        return found.size() > limit ? new ArrayList<>(found.subList(found.size() - limit, found.size())) : found;
    }

    private static long id(Document d) {
        var id = d.get("_id");
        return id instanceof Number n ? n.longValue() : Long.parseLong(id.toString());
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
                d.getString("nonce"),
                d.getString("webhookId"),
                d.getString("authorName"),
                Boolean.TRUE.equals(d.getBoolean("authorDeleted")));
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

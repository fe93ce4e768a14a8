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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
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
 * Pages still current for the channel counter come from memory ({@link HistoryPages}).
 */
@Component
public class MessageReader {

    static final String COLLECTION = "message_view";
    static final String CHANNELS = "message_view_channels";
    static final String SEARCH = "message_search";
    static final int MAX_PINS = 100;
    /** Search: the most documents one bucket lookup is expected to return when choosing its level. */
    static final int BUCKET_DOCS = 128;
    /** Search: the most key lookups, and about the most documents, one request reads. */
    static final int MAX_LOOKUPS = 16;
    static final int MAX_DOCUMENTS = 600;
    /**
     * Search: a coarse bucket lookup that returns more documents than this is given up and its range
     * read one level finer, so one request reads at most about {@code MAX_DOCUMENTS + OVERFLOW}.
     */
    static final int OVERFLOW = 4 * BUCKET_DOCS;
    private static final Bson FIELDS = Projections.exclude("hp", "pk", "position", "pinnedAt");
    /** Search reads the search copy and needs its words ({@code tokens}) to check every term. */
    private static final Bson SEARCH_FIELDS = Projections.exclude("sk", "fileTokens", "hp", "pk", "position", "pinnedAt");
    private static final Comparator<Document> NEWEST_FIRST =
            Comparator.comparingLong((Document d) -> id(d)).reversed();
    private static final Comparator<HistoryPages.Row> ROWS_NEWEST_FIRST =
            Comparator.comparingLong(HistoryPages.Row::id).reversed();

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> search;
    private final HistoryPages pages;

    MessageReader(MongoDatabase database, HistoryPages pages) {
        this.pages = pages;
        this.messages = database.getCollection(COLLECTION);
        this.channels = database.getCollection(CHANNELS);
        this.search = database.getCollection(SEARCH);
    }

    /**
     * A page of the channel's history, newest first. {@code nextCursor} is the message id to pass
     * as {@code before} (for the newest page and BEFORE pages) or {@code after} (for AFTER pages)
     * to read on in the same direction; null when the page was not full, and for AROUND pages.
     * The channel counter is read first, on every request; the pages come from {@link HistoryPages}
     * when still current for it.
     */
    public Page<MessageView> history(long channelId, HistoryQuery query) {
        return history(channelId, query, false);
    }

    /**
     * {@link #history(long, HistoryQuery)}, where a request without a consistency token may use a
     * channel counter read a moment ago ({@link HistoryPages#counter}).
     */
    public Page<MessageView> history(long channelId, HistoryQuery query, boolean withoutToken) {
        var channel = Long.toString(channelId);
        var counter = pages.counter(channelId, withoutToken,
                () -> ChannelCounter.of(channels.find(eq("_id", channel)).first()));
        if (counter.seq() <= 0) {
            return Page.of(List.of(), null);
        }
        var reading = new Reading(channelId, counter);
        long top = MessageViewKeys.page(counter.seq() - 1);
        long anchor = query.messageId();
        List<HistoryPages.Row> page = switch (query.anchor()) {
            case LATEST -> reading.older(top, id -> true, query.limit());
            case BEFORE -> reading.older(Math.min(top, reading.pageOf(anchor, top) + 1), id -> id < anchor, query.limit());
            case AFTER -> reading.newer(Math.max(0, reading.pageOf(anchor, top) - 1), top, id -> id > anchor, query.limit());
            case AROUND -> {
                long at = reading.pageOf(anchor, top);
                var around = new ArrayList<>(reading.newer(Math.max(0, at - 1), top, id -> id > anchor,
                        query.newerShare()));
                around.addAll(reading.older(Math.min(top, at + 1), id -> id <= anchor,
                        query.limit() - query.newerShare()));
                yield around;
            }
        };
        var items = page.stream().map(HistoryPages.Row::view).toList();
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
     * match every term, newest first (in the order the projection numbered them in the scope): each
     * term matches a word it starts ({@code caf} finds "Café"). Reads the longest term's bucket keys
     * from the newest bucket down, each lookup one bucket on the level whose expected number of
     * documents (from the documents per message seen so far) stays under {@value #BUCKET_DOCS}, and
     * stops as soon as the page is full; the other terms, the channels and the author are checked on
     * the documents returned. Once the buckets are exhausted, messages stored before buckets existed
     * are read by their single key. At most {@value #MAX_LOOKUPS} lookups and about
     * {@value #MAX_DOCUMENTS} documents per request (a coarse bucket holding more than
     * {@link #OVERFLOW} is given up after that many and read one level finer): a page cut short that way has fewer items than
     * {@code limit} and a cursor to go on; only a null cursor means there is nothing more.
     */
    public Page<MessageView> search(String scope, Set<String> channelIds, List<String> terms, String authorId,
                                    SearchCursor cursor, int limit) {
        var searchable = terms.stream().filter(t -> t.length() >= MessageViewKeys.MIN_PREFIX).toList();
        if (channelIds.isEmpty() || searchable.isEmpty()) {
            return Page.of(List.of(), null);
        }
        var longest = searchable.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        Predicate<Document> wanted = d -> channelIds.contains(d.getString("channelId"))
                && (authorId == null || authorId.equals(d.getString("authorId")))
                && MessageViewKeys.matches(d.getList("tokens", String.class, List.of()), searchable);
        long below;
        Long legacyBefore = null;
        if (cursor == null) {
            var counter = channels.find(eq("_id", scope)).first();
            below = counter != null && counter.get(MessageViewKeys.SEQ) instanceof Number seq ? seq.longValue() : 0;
        } else if (cursor.kind() == SearchCursor.Kind.BELOW) {
            below = cursor.value();
        } else if (cursor.kind() == SearchCursor.Kind.LEGACY) {
            below = 0;
            legacyBefore = cursor.value();
        } else {
            // a cursor of the old form names a message: only one of the caller's channels gives its number
            var named = search.find(eq("_id", Long.toString(cursor.value())))
                    .projection(Projections.include(MessageViewKeys.SCOPE_NUMBER, "channelId")).first();
            if (named != null && channelIds.contains(named.getString("channelId"))
                    && named.get(MessageViewKeys.SCOPE_NUMBER) instanceof Number number) {
                below = number.longValue();
            } else {
                below = 0;
                legacyBefore = cursor.value();
            }
        }
        var found = new ArrayList<Document>();
        int lookups = 0;
        long returned = 0;
        long covered = 0;
        int finest = MessageViewKeys.LEVELS - 1;
        while (below > 0 && found.size() < limit && lookups < MAX_LOOKUPS && returned < MAX_DOCUMENTS) {
            int level = Math.min(level(longest, returned, covered), finest);
            long bucket = (below - 1) >> MessageViewKeys.shift(level);
            long start = bucket << MessageViewKeys.shift(level);
            var inBucket = new ArrayList<Document>();
            boolean overflowed = false;
            try (var documents = search.find(new Document("sk", MessageViewKeys.bucketKey(scope, longest, level, bucket)))
                    .projection(SEARCH_FIELDS).batchSize(OVERFLOW + 1).cursor()) {
                int read = 0;
                while (documents.hasNext()) {
                    var d = documents.next();
                    returned++;
                    // a coarse bucket can hold far more than expected (a word frequent only in older
                    // messages): give it up and read the same range one level finer
                    if (++read > OVERFLOW && level > 0) {
                        overflowed = true;
                        break;
                    }
                    long number = number(d);
                    if (number >= start && number < below && wanted.test(d)) {
                        inBucket.add(d);
                    }
                }
            }
            lookups++;
            if (overflowed) {
                finest = level - 1;
                continue;
            }
            covered += below - start;
            inBucket.sort(Comparator.comparingLong(MessageReader::number).reversed());
            found.addAll(inBucket);
            below = start;
        }
        if (found.size() >= limit) {
            var page = found.subList(0, limit);
            return Page.of(page.stream().map(MessageReader::view).toList(),
                    SearchCursor.below(number(page.get(limit - 1))).encode());
        }
        if (below > 0 || lookups >= MAX_LOOKUPS || returned >= MAX_DOCUMENTS) {
            var next = below > 0 ? SearchCursor.below(below) : SearchCursor.legacy(legacyBefore == null ? Long.MAX_VALUE : legacyBefore);
            return Page.of(found.stream().map(MessageReader::view).toList(), next.encode());
        }
        // one more than the page needs: whether anything is left shows without another request
        var legacy = legacy(scope, longest, legacyBefore, wanted, limit - found.size() + 1);
        boolean more = found.size() + legacy.size() > limit;
        found.addAll(legacy.subList(0, Math.min(legacy.size(), limit - found.size())));
        var items = found.stream().map(MessageReader::view).toList();
        return Page.of(items, more ? SearchCursor.legacy(Long.parseLong(items.get(items.size() - 1).id())).encode() : null);
    }

    /**
     * The coarsest level whose bucket is expected to return at most {@value #BUCKET_DOCS} documents,
     * from the documents per message of the scope seen so far (one more than seen, so a word not met
     * yet climbs one level at a time); the finest while nothing was read.
     */
    private static int level(String term, long returned, long covered) {
        if (covered == 0) {
            return 0;
        }
        double perMessage = (returned + 1.0) / covered;
        int level = 0;
        for (int l = 1; l < MessageViewKeys.LEVELS; l++) {
            if (MessageViewKeys.hasLevel(term, l) && perMessage * (1L << MessageViewKeys.shift(l)) <= BUCKET_DOCS) {
                level = l;
            }
        }
        return level;
    }

    /** Up to {@code limit} matches among the messages stored before buckets, newest first by id. */
    private List<Document> legacy(String scope, String longest, Long before, Predicate<Document> wanted,
                                  int limit) {
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
                if ((before == null || id(d) < before) && wanted.test(d)) {
                    found.add(d);
                }
            }
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    private static long number(Document d) {
        return d.get(MessageViewKeys.SCOPE_NUMBER) instanceof Number n ? n.longValue() : -1;
    }

    /** One message of the channel. */
    public Optional<MessageView> find(long channelId, long messageId) {
        return Optional.ofNullable(messages.find(eq("_id", Long.toString(messageId))).projection(FIELDS).first())
                .filter(d -> Long.toString(channelId).equals(d.getString("channelId")))
                .filter(d -> !Boolean.TRUE.equals(d.getBoolean("deleted")))
                .map(MessageReader::view);
    }

    /** One history request: the channel and the counter it read first. */
    private final class Reading {

        private final long channelId;
        private final String channel;
        private final ChannelCounter counter;

        Reading(long channelId, ChannelCounter counter) {
            this.channelId = channelId;
            this.channel = Long.toString(channelId);
            this.counter = counter;
        }

        /**
         * The page holding (or that held) message {@code id} of the channel: from a page read before,
         * else its document (or tombstone), else found by bisecting the pages on their ids (an id that
         * never existed).
         */
        long pageOf(long id, long top) {
            var cached = pages.seqOf(channelId, id, counter);
            if (cached.isPresent()) {
                return MessageViewKeys.page(cached.getAsLong());
            }
            // a deleted message's tombstone keeps its seq, so a cursor naming it still finds its page
            var known = seqOf(messages.find(eq("_id", Long.toString(id)))
                    .projection(Projections.include("channelId", "seq")).first(), channel);
            if (known.isPresent()) {
                return MessageViewKeys.page(known.getAsLong());
            }
            long low = 0;
            long high = top;
            while (low < high) {
                long mid = (low + high + 1) >>> 1;
                var ids = page(mid).stream().mapToLong(HistoryPages.Row::id).min();
                if (ids.isEmpty() || ids.getAsLong() <= id) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }

        List<HistoryPages.Row> page(long page) {
            return pages.page(channelId, page, counter, () -> messages
                    .find(eq("hp", MessageViewKeys.pageKey(channel, page))).projection(FIELDS)
                    .map(d -> new HistoryPages.Row(id(d), d.get("seq") instanceof Number n ? n.longValue() : -1, view(d)))
                    .into(new ArrayList<>()));
        }

        /** The {@code limit} newest matches, reading pages downwards from {@code from}; newest first. */
        List<HistoryPages.Row> older(long from, LongPredicate wanted, int limit) {
            if (limit <= 0) {
                return List.of();
            }
            var found = new ArrayList<HistoryPages.Row>();
            boolean extraRead = false;
            for (long p = from; p >= 0; p--) {
                for (var row : page(p)) {
                    if (wanted.test(row.id())) {
                        found.add(row);
                    }
                }
                if (found.size() >= limit) {
                    if (extraRead) {
                        break;
                    }
                    extraRead = true;
                }
            }
            found.sort(ROWS_NEWEST_FIRST);
            return found.size() > limit ? new ArrayList<>(found.subList(0, limit)) : found;
        }

        /** The {@code limit} oldest matches, reading pages upwards from {@code from}; newest first. */
        List<HistoryPages.Row> newer(long from, long top, LongPredicate wanted, int limit) {
            if (limit <= 0) {
                return List.of();
            }
            var found = new ArrayList<HistoryPages.Row>();
            boolean extraRead = false;
            for (long p = from; p <= top; p++) {
                for (var row : page(p)) {
                    if (wanted.test(row.id())) {
                        found.add(row);
                    }
                }
                if (found.size() >= limit) {
                    if (extraRead) {
                        break;
                    }
                    extraRead = true;
                }
            }
            found.sort(ROWS_NEWEST_FIRST);
            return found.size() > limit ? new ArrayList<>(found.subList(found.size() - limit, found.size())) : found;
        }
    }

    private static OptionalLong seqOf(Document d, String channel) {
        if (d == null || !channel.equals(d.getString("channelId")) || !(d.get("seq") instanceof Number seq)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seq.longValue());
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

package io.beep.projections.message;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.projections.platform.mongo.FerretDbDeletes;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The message view: {@link #COLLECTION} (one document per message, or a tombstone once deleted),
 * {@link #SEARCH} (a copy of each message that alone carries its words and search keys, so
 * history pages stay light) and {@link #CHANNELS} (the per-channel counter that numbers messages
 * into history pages, and under the scope's id — {@code s<serverId>} or {@code c<channelId>} — the
 * per-scope counter that numbers messages into search buckets).
 *
 * <p>Every read the query side makes is an equality on one string key (see {@link MessageViewKeys}):
 * {@code _id} (the message id as a decimal string), {@code hp} (history page), {@code pk} (pinned),
 * and on the search copy {@code sk} (search keys, multikey). Each has an index here; on FerretDB 1.x, which turns
 * equalities into jsonb containment, {@link FerretDbIndexes} adds the PostgreSQL indexes that
 * containment can use. Nothing relies on the store sorting or limiting: every key selects a small,
 * bounded set and the reader orders it.
 *
 * <p>Every document carries {@code position}, the event-store position of the last event written
 * into it. A change applies only to a document whose position is lower than the change's event,
 * so an event handled twice (a redelivered batch, a replay over a live view) changes nothing.
 *
 * <p>The counter tells readers that may keep pages in memory when what they read changed (fields in
 * {@link MessageViewKeys}): {@code committed} is raised after a batch's inserts, {@code changes} is
 * bumped after every change to an existing message of the channel (at the end of the unit of work,
 * once per channel), and {@code epoch} is drawn when the counter is created. Every write to a
 * channel's messages is thus followed by a counter update, so a reader that reads the counter
 * before the pages can tell whether pages it read earlier are still current.
 * Deleted messages leave a tombstone under their id (with their {@code seq}, so a cursor naming a
 * deleted message still finds its place), so a redelivered creation cannot bring one back.
 */
@Component
public class MessageStore {

    public static final String COLLECTION = "message_view";
    public static final String CHANNELS = "message_view_channels";
    public static final String SEARCH = "message_search";
    /** Fields only the search copy keeps: the words and search keys (heavy, and no history read needs them). */
    static final Set<String> SEARCH_ONLY = Set.of("sk", "tokens", "fileTokens", MessageViewKeys.SCOPE_NUMBER);
    public static final String HISTORY_INDEX = "history_page";
    public static final String SEARCH_INDEX = "search_keys";
    public static final String PINS_INDEX = "pins";
    static final String CHANNEL_INDEX = "by_channel";
    static final String SERVER_INDEX = "by_server";
    private static final String PENDING = MessageStore.class.getName() + ".pending";
    private static final String CHANGED = MessageStore.class.getName() + ".changed";

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> search;
    private final FerretDbDeletes deletes;

    public MessageStore(MongoDatabase database, FerretDbIndexes ferretDb) {
        this.deletes = ferretDb.deletes();
        this.messages = database.getCollection(COLLECTION);
        this.channels = database.getCollection(CHANNELS);
        this.search = database.getCollection(SEARCH);
        messages.createIndex(Indexes.ascending("hp"), new IndexOptions().name(HISTORY_INDEX));
        messages.createIndex(Indexes.ascending("pk"), new IndexOptions().name(PINS_INDEX).sparse(true));
        if (ferretDb.enabled()) {
            // FerretDB would make a b-tree over the whole sk array (useless, and refused for entries over
            // ~2.7 kB, i.e. long messages): its GIN index below serves the keys; this one only makes the
            // collection exist before that
            search.createIndex(Indexes.descending("n"), new IndexOptions().name("newest"));
        } else {
            // equality on a search key, newest first (n = the id as a number): MongoDB stops at the limit
            search.createIndex(Indexes.compoundIndex(Indexes.ascending("sk"), Indexes.descending("n")),
                    new IndexOptions().name(SEARCH_INDEX));
        }
        channels.createIndex(Indexes.ascending("seq"));
        // channel and server deletions remove every message of the channel or server at once
        for (var collection : List.of(messages, search)) {
            collection.createIndex(Indexes.ascending("channelId"), new IndexOptions().name(CHANNEL_INDEX));
            collection.createIndex(Indexes.ascending("serverId"), new IndexOptions().name(SERVER_INDEX).sparse(true));
        }
        channels.createIndex(Indexes.ascending("parentId"), new IndexOptions().name("threads").sparse(true));
        // by the collections' actual names: a projection rebuild gives them a copy of their own
        // hp and pk only readers look up: a rebuild indexes them once its copy is loaded. sk too, but
        // its GIN index costs less kept up per insert than built over the loaded copy (measured,
        // docs/benchmarks.md: the build reads every large search document back)
        // authorId: a deleted account's messages are marked in both collections (without it, every
        // account deletion read both whole tables and stalled the processor for 10 s and more)
        ferretDb.ensure(messages.getNamespace().getCollectionName(), "_id", "channelId", "serverId", "authorId");
        ferretDb.ensureForReads(messages.getNamespace().getCollectionName(), "hp", "pk");
        ferretDb.ensure(search.getNamespace().getCollectionName(), "_id", "sk", "channelId", "serverId", "authorId");
        ferretDb.ensure(channels.getNamespace().getCollectionName(), "_id", "parentId", "serverId");
    }

    /**
     * Adds a new message unless its document exists already (it was created, or deleted: a deleted
     * message leaves a tombstone under the same id), so a creation handled again never undoes what
     * came after it. The message takes the channel's next number ({@code seq}) and the history page
     * it falls in. Inside a unit of work (a processor's batch) creations are collected and written
     * at once before the batch commits — one counter update per channel and one insert for the
     * batch — and any other change of the batch first writes what is pending. A creation handled
     * again takes a number it then does not use: readers skip such gaps like deleted messages.
     */
    public void create(Document message) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(message));
            return;
        }
        var root = CurrentUnitOfWork.get().root();
        List<Document> pending = root.getOrComputeResource(PENDING, key -> {
            var batch = new ArrayList<Document>();
            root.onPrepareCommit(unitOfWork -> flush(unitOfWork));
            return batch;
        });
        pending.add(message);
    }

    /** Writes the creations collected in the current unit of work, if any. */
    private void flushPending() {
        if (CurrentUnitOfWork.isStarted()) {
            flush(CurrentUnitOfWork.get().root());
        }
    }

    private void flush(UnitOfWork<?> root) {
        List<Document> pending = root.getResource(PENDING);
        if (pending != null && !pending.isEmpty()) {
            var batch = List.copyOf(pending);
            pending.clear();
            write(batch);
        }
    }

    private void write(List<Document> batch) {
        var byChannel = new LinkedHashMap<String, List<Document>>();
        for (var message : batch) {
            byChannel.computeIfAbsent(message.getString("channelId"), c -> new ArrayList<>()).add(message);
        }
        var gone = new HashSet<String>();
        byChannel.forEach((channelId, created) -> {
            var counter = channels.findOneAndUpdate(Filters.eq("_id", channelId),
                    Updates.combine(Updates.inc(MessageViewKeys.SEQ, (long) created.size()),
                            Updates.setOnInsert(MessageViewKeys.EPOCH, newEpoch())),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            if (counter.get(MessageViewKeys.EPOCH) == null) {
                // a counter made before epochs existed, or by channelCreated
                channels.updateOne(new Document("_id", channelId).append(MessageViewKeys.EPOCH, new Document("$exists", false)),
                        Updates.set(MessageViewKeys.EPOCH, newEpoch()));
            }
            if (Boolean.TRUE.equals(counter.getBoolean("deleted"))) {
                gone.add(channelId); // the channel (or its server) was deleted: its messages stay away
                return;
            }
            long seq = ((Number) counter.get("seq")).longValue() - created.size();
            for (var message : created) {
                message.append("n", Long.parseLong(message.getString("_id"))).append("seq", seq).append("hp", MessageViewKeys.pageKey(channelId, MessageViewKeys.page(seq)));
                seq++;
            }
        });
        var live = batch.stream().filter(m -> !gone.contains(m.getString("channelId"))).toList();
        if (live.isEmpty()) {
            return;
        }
        numberInScopes(live);
        // the search copy first: a batch retried after a crash between the two finds it there (a
        // duplicate, ignored) and writes the history document; both hold tombstones once deleted
        insertNew(search, live.stream().map(m -> withN(new Document(m))).toList());
        insertNew(messages, live.stream().map(MessageStore::historyDocument).toList());
        // only now: a reader that sees the new committed count finds every message below it
        byChannel.forEach((channelId, created) -> {
            if (!gone.contains(channelId)) {
                long end = created.stream().mapToLong(m -> m.getLong("seq")).max().orElseThrow() + 1;
                channels.updateOne(Filters.eq("_id", channelId), Updates.max(MessageViewKeys.COMMITTED, end));
            }
        });
    }

    /**
     * Numbers the new messages in their search scope (one counter update per scope) and gives them
     * their bucketed search keys ({@link MessageViewKeys#searchKeys(String, java.util.Collection, long)})
     * from their words. A creation handled again takes a number it does not use (its document exists):
     * a gap readers never notice.
     */
    private void numberInScopes(List<Document> created) {
        var byScope = new LinkedHashMap<String, List<Document>>();
        for (var message : created) {
            byScope.computeIfAbsent(MessageViewKeys.scope(message.getString("serverId"), message.getString("channelId")),
                    s -> new ArrayList<>()).add(message);
        }
        byScope.forEach((scope, messagesOfScope) -> {
            var counter = channels.findOneAndUpdate(Filters.eq("_id", scope),
                    Updates.inc(MessageViewKeys.SEQ, (long) messagesOfScope.size()),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            long number = ((Number) counter.get(MessageViewKeys.SEQ)).longValue() - messagesOfScope.size();
            for (var message : messagesOfScope) {
                var words = message.getList("tokens", String.class, List.of());
                message.append(MessageViewKeys.SCOPE_NUMBER, number)
                        .append("sk", MessageViewKeys.searchKeys(scope, words, number));
                number++;
            }
        });
    }

    private static long newEpoch() {
        long epoch;
        do {
            epoch = ThreadLocalRandom.current().nextLong();
        } while (epoch == 0);
        return epoch;
    }

    /**
     * Records that existing messages of the channel changed: {@code changes} is bumped once per
     * channel when the unit of work prepares to commit (after its writes), or at once outside one.
     */
    private void changed(String channelId) {
        if (!CurrentUnitOfWork.isStarted()) {
            bumpChanges(List.of(channelId));
            return;
        }
        var root = CurrentUnitOfWork.get().root();
        Set<String> changed = root.getOrComputeResource(CHANGED, key -> {
            var channelIds = new LinkedHashSet<String>();
            root.onPrepareCommit(unitOfWork -> {
                var all = List.copyOf(channelIds);
                channelIds.clear();
                bumpChanges(all);
            });
            return channelIds;
        });
        changed.add(channelId);
    }

    private void bumpChanges(List<String> channelIds) {
        for (var channelId : channelIds) {
            channels.updateOne(Filters.eq("_id", channelId), Updates.inc(MessageViewKeys.CHANGES, 1L));
        }
    }

    private static Document withN(Document message) {
        return message.append("n", Long.parseLong(message.getString("_id")));
    }

    /** The document history reads: the message without its words and search keys. */
    private static Document historyDocument(Document message) {
        var view = new Document(message);
        SEARCH_ONLY.forEach(view::remove);
        return view;
    }

    /** Inserts the documents, skipping those whose id exists already (created before, or a tombstone). */
    private static void insertNew(MongoCollection<Document> collection, List<Document> documents) {
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /** The message's whole document (with its words), if the message exists (not deleted). */
    public Optional<Document> find(String messageId) {
        flushPending();
        return Optional.ofNullable(search.find(Filters.eq("_id", messageId)).first())
                .filter(d -> !Boolean.TRUE.equals(d.getBoolean("deleted")));
    }

    /**
     * Sets {@code fields} on the message if its documents are older than {@code position}: all of
     * them on the search copy, all but the {@link #SEARCH_ONLY} ones on the history document.
     */
    public void change(String messageId, String channelId, long position, Document fields) {
        flushPending();
        // one document, not Filters.and: FerretDB 1.x pushes the _id equality of a plain filter down to
        // PostgreSQL, but scans the whole collection for an explicit $and (seconds per update)
        var guard = new Document("_id", messageId).append("position", new Document("$lt", position));
        search.updateOne(guard, new Document("$set", new Document(fields).append("position", position)));
        var historyFields = new Document(fields);
        SEARCH_ONLY.forEach(historyFields::remove);
        if (!historyFields.isEmpty()) {
            var result = messages.updateOne(guard, new Document("$set", historyFields.append("position", position)));
            // no result: queued by a rebuild's buffered copy, which cannot say whether it matched
            if (result == null || !result.wasAcknowledged() || result.getMatchedCount() > 0) {
                changed(channelId);
            }
        }
    }

    /**
     * Replaces the message by a tombstone under its id, keeping its channel and place ({@code seq},
     * and its number in the search scope, so a cursor naming a deleted message still finds its page
     * or bucket) and none of its lookup keys, so
     * no read finds it any more and a creation handled again cannot bring it back.
     */
    public void delete(String messageId, String channelId, long position) {
        flushPending();
        var tombstone = new Document("channelId", channelId).append("deleted", true).append("position", position);
        var searchTombstone = new Document("_id", messageId).append("channelId", channelId)
                .append("deleted", true).append("position", position);
        // its number in the scope stays, as seq does in the history: an old cursor naming it keeps its place
        var searched = search.find(Filters.eq("_id", messageId))
                .projection(new Document(MessageViewKeys.SCOPE_NUMBER, 1)).first();
        if (searched != null && searched.get(MessageViewKeys.SCOPE_NUMBER) instanceof Number number) {
            searchTombstone.append(MessageViewKeys.SCOPE_NUMBER, number);
        }
        search.replaceOne(Filters.eq("_id", messageId), searchTombstone, new ReplaceOptions().upsert(true));
        var existing = messages.find(Filters.eq("_id", messageId)).first();
        if (existing == null) {
            messages.updateOne(Filters.eq("_id", messageId), new Document("$setOnInsert", tombstone),
                    new UpdateOptions().upsert(true));
            return;
        }
        if (Boolean.TRUE.equals(existing.getBoolean("deleted"))) {
            return;
        }
        var replacement = new Document("_id", messageId).append("seq", existing.get("seq"));
        replacement.putAll(tombstone);
        messages.replaceOne(Filters.eq("_id", messageId), replacement);
        changed(channelId);
    }

    /**
     * Notes a new channel on its counter: its server and, for a thread, its parent channel, so that
     * deleting the server or the parent finds it.
     */
    public void channelCreated(String channelId, String serverId, String parentId) {
        flushPending();
        var fields = new Document();
        if (serverId != null) {
            fields.append("serverId", serverId);
        }
        if (parentId != null) {
            fields.append("parentId", parentId);
        }
        if (!fields.isEmpty()) {
            channels.updateOne(Filters.eq("_id", channelId), new Document("$set", fields),
                    new UpdateOptions().upsert(true));
        }
    }

    /**
     * Removes every document of the channel and of its threads from the message view and the search
     * copy, and marks their counters deleted, so a creation handled later (a redelivery, a send that
     * raced the deletion) is not written. Doing it again changes nothing.
     */
    public void deleteChannel(String channelId) {
        flushPending();
        var doomed = new ArrayList<String>();
        doomed.add(channelId);
        for (var thread : channels.find(new Document("parentId", channelId))) {
            doomed.add(thread.getString("_id"));
        }
        for (var id : doomed) {
            // one field each (FerretDB scans the whole collection for an explicit $and), any number
            // of documents (FerretDbDeletes: FerretDB's own deleteMany fails beyond 65,535)
            deletes.deleteAll(search, "channelId", id);
            deletes.deleteAll(messages, "channelId", id);
            channels.updateOne(Filters.eq("_id", id), new Document("$set", new Document("deleted", true))
                    .append("$inc", new Document(MessageViewKeys.CHANGES, 1L)), new UpdateOptions().upsert(true));
        }
    }

    /**
     * Removes every document of the server's messages from the message view and the search copy, and
     * marks the counters of the server's channels deleted. Doing it again changes nothing.
     */
    public void deleteServer(String serverId) {
        flushPending();
        deletes.deleteAll(search, "serverId", serverId);
        deletes.deleteAll(messages, "serverId", serverId);
        channels.updateMany(new Document("serverId", serverId), new Document("$set", new Document("deleted", true))
                .append("$inc", new Document(MessageViewKeys.CHANGES, 1L)));
    }

    /**
     * Marks every message of an author whose account was deleted: the messages stay, shown with a
     * deleted author. Setting the flag again changes nothing.
     */
    public void markAuthorDeleted(String authorId) {
        flushPending();
        var deleted = new Document("$set", new Document("authorDeleted", true));
        var channelIds = messages.distinct("channelId", Filters.eq("authorId", authorId), String.class)
                .into(new ArrayList<>());
        messages.updateMany(Filters.eq("authorId", authorId), deleted);
        search.updateMany(Filters.eq("authorId", authorId), deleted);
        channelIds.forEach(this::changed);
    }

}

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
import io.beep.projections.platform.mongo.FerretDbIndexes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The message view: {@link #COLLECTION} (one document per message, or a tombstone once deleted),
 * {@link #SEARCH} (a copy of each message that alone carries its words and search keys, so
 * history pages stay light) and {@link #CHANNELS} (the per-channel counter that numbers messages
 * into history pages).
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
 * Deleted messages leave a tombstone under their id (with their {@code seq}, so a cursor naming a
 * deleted message still finds its place), so a redelivered creation cannot bring one back.
 */
@Component
public class MessageStore {

    public static final String COLLECTION = "message_view";
    public static final String CHANNELS = "message_view_channels";
    public static final String SEARCH = "message_search";
    /** Fields only the search copy keeps: the words and search keys (heavy, and no history read needs them). */
    static final Set<String> SEARCH_ONLY = Set.of("sk", "tokens", "fileTokens");
    public static final String HISTORY_INDEX = "history_page";
    public static final String SEARCH_INDEX = "search_keys";
    public static final String PINS_INDEX = "pins";
    private static final String PENDING = MessageStore.class.getName() + ".pending";

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> channels;
    private final MongoCollection<Document> search;

    public MessageStore(MongoDatabase database, FerretDbIndexes ferretDb) {
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
        // by the collections' actual names: a projection rebuild gives them a copy of their own
        ferretDb.ensure(messages.getNamespace().getCollectionName(), "_id", "hp", "pk");
        ferretDb.ensure(search.getNamespace().getCollectionName(), "_id", "sk");
        ferretDb.ensure(channels.getNamespace().getCollectionName(), "_id");
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
        byChannel.forEach((channelId, created) -> {
            var counter = channels.findOneAndUpdate(Filters.eq("_id", channelId), Updates.inc("seq", (long) created.size()),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            long seq = ((Number) counter.get("seq")).longValue() - created.size();
            for (var message : created) {
                message.append("n", Long.parseLong(message.getString("_id"))).append("seq", seq).append("hp", MessageViewKeys.pageKey(channelId, MessageViewKeys.page(seq)));
                seq++;
            }
        });
        // the search copy first: a batch retried after a crash between the two finds it there (a
        // duplicate, ignored) and writes the history document; both hold tombstones once deleted
        insertNew(search, batch.stream().map(m -> withN(new Document(m))).toList());
        insertNew(messages, batch.stream().map(MessageStore::historyDocument).toList());
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
    public void change(String messageId, long position, Document fields) {
        flushPending();
        // one document, not Filters.and: FerretDB 1.x pushes the _id equality of a plain filter down to
        // PostgreSQL, but scans the whole collection for an explicit $and (seconds per update)
        var guard = new Document("_id", messageId).append("position", new Document("$lt", position));
        search.updateOne(guard, new Document("$set", new Document(fields).append("position", position)));
        var historyFields = new Document(fields);
        SEARCH_ONLY.forEach(historyFields::remove);
        if (!historyFields.isEmpty()) {
            messages.updateOne(guard, new Document("$set", historyFields.append("position", position)));
        }
    }

    /**
     * Replaces the message by a tombstone under its id, keeping its channel and place ({@code seq},
     * so a cursor naming a deleted message still finds its page) and none of its lookup keys, so
     * no read finds it any more and a creation handled again cannot bring it back.
     */
    public void delete(String messageId, String channelId, long position) {
        flushPending();
        var tombstone = new Document("channelId", channelId).append("deleted", true).append("position", position);
        search.replaceOne(Filters.eq("_id", messageId), new Document("_id", messageId).append("channelId", channelId)
                .append("deleted", true).append("position", position), new ReplaceOptions().upsert(true));
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
    }

    /**
     * Marks every message of an author whose account was deleted: the messages stay, shown with a
     * deleted author. Setting the flag again changes nothing.
     */
    public void markAuthorDeleted(String authorId) {
        var deleted = new Document("$set", new Document("authorDeleted", true));
        messages.updateMany(Filters.eq("authorId", authorId), deleted);
        search.updateMany(Filters.eq("authorId", authorId), deleted);
    }
}

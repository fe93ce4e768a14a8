package io.beep.projections.message;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code messages} collection. {@code _id} is the message's snowflake as a 64-bit integer (as
 * is {@code replyTo}), so ids sort by time. {@code channelId} and {@code serverId} are the decimal
 * strings: FerretDB 1.x pushes an equality on a string down to PostgreSQL exactly, but one on an
 * integer above 2^53 (every snowflake) only as "any number above 2^53", which reads the whole
 * collection. History reads are one range over the index {@code {channelId: 1, _id: -1}}, created
 * at start-up; {@code tokens} (the normalised words, see {@link SearchTokens}) has a multikey index.
 *
 * <p>Every document carries {@code position}, the event-store position of the last event written
 * into it. A change applies only to a document whose position is lower than the change's event,
 * so an event handled twice (a redelivered batch, a replay over a live view) changes nothing.
 * Deleted messages leave a tombstone in {@link #TOMBSTONES}, so a redelivered creation of a
 * deleted message cannot bring it back.
 */
@Component
public class MessageStore {

    public static final String COLLECTION = "messages";
    public static final String TOMBSTONES = "message_tombstones";
    public static final String HISTORY_INDEX = "channel_history";
    public static final String TOKENS_INDEX = "channel_tokens";
    public static final String PINS_INDEX = "channel_pins";

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> tombstones;

    public MessageStore(MongoDatabase database) {
        this.messages = database.getCollection(COLLECTION);
        this.tombstones = database.getCollection(TOMBSTONES);
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("channelId"), Indexes.descending("_id")),
                new IndexOptions().name(HISTORY_INDEX));
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("channelId"), Indexes.ascending("tokens")),
                new IndexOptions().name(TOKENS_INDEX));
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("channelId"), Indexes.ascending("pinned")),
                new IndexOptions().name(PINS_INDEX));
    }

    /**
     * Adds a new message unless it exists already (a later event of it was applied) or was
     * deleted: a creation handled again never undoes what came after it.
     */
    public void create(Document message) {
        if (tombstones.find(Filters.eq("_id", message.get("_id"))).first() != null) {
            return;
        }
        try {
            messages.insertOne(message);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Sets {@code fields} on the message if its document is older than {@code position}. */
    public void change(long messageId, long position, Document fields) {
        messages.updateOne(Filters.and(Filters.eq("_id", messageId), Filters.lt("position", position)),
                new Document("$set", new Document(fields).append("position", position)), new UpdateOptions());
    }

    /** Removes the message and remembers it was deleted at {@code position}. */
    public void delete(long messageId, String channelId, long position) {
        tombstones.replaceOne(new Document("_id", messageId),
                new Document("_id", messageId).append("channelId", channelId).append("position", position),
                new ReplaceOptions().upsert(true));
        messages.deleteOne(Filters.eq("_id", messageId));
    }
}

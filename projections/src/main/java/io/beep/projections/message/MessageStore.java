package io.beep.projections.message;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code messages} collection. {@code _id} is the message's snowflake as a 64-bit integer (as
 * is {@code replyTo}), so ids sort by time. {@code channelId} and {@code serverId} are the decimal
 * strings: FerretDB 1.x pushes an equality on a string down to PostgreSQL exactly, but one on an
 * integer above 2^53 (every snowflake) only as "any number above 2^53", which reads the whole
 * collection. History reads are one range over the index {@code {channelId: 1, _id: -1}}, created
 * at start-up.
 */
@Component
public class MessageStore {

    public static final String COLLECTION = "messages";
    public static final String HISTORY_INDEX = "channel_history";

    private final MongoCollection<Document> messages;

    public MessageStore(MongoDatabase database) {
        this.messages = database.getCollection(COLLECTION);
        messages.createIndex(Indexes.compoundIndex(Indexes.ascending("channelId"), Indexes.descending("_id")),
                new IndexOptions().name(HISTORY_INDEX));
    }

    /** Writes the whole document under its {@code _id}: the same document twice leaves one. */
    public void put(Document message) {
        messages.replaceOne(new Document("_id", message.get("_id")), message, new ReplaceOptions().upsert(true));
    }
}

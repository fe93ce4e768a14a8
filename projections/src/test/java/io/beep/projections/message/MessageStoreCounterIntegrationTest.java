package io.beep.projections.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.MongoProperties;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The channel counter that tells query-side caches what changed, against the real MongoDB-wire
 * server: raised after inserts, bumped after each change to an existing message (once per channel
 * and unit of work, before it commits), untouched by a change that changes nothing.
 */
class MessageStoreCounterIntegrationTest {

    private static final String DB = "beep_message_counter_it";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static MongoClient client;
    private static MongoDatabase db;
    private static MessageStore store;

    @BeforeAll
    static void connect() {
        var url = System.getenv().getOrDefault("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
        var mongo = "mongodb://" + String.join(",", new ConnectionString(url).getHosts()) + "/" + DB;
        client = MongoClients.create(mongo);
        db = client.getDatabase(DB);
        db.drop();
        store = new MessageStore(db, new FerretDbIndexes(new MongoProperties(mongo, "", "", "")));
    }

    @AfterAll
    static void close() {
        db.drop();
        client.close();
    }

    @Test
    void creationsRaiseCommittedAndKeepTheEpoch() {
        var channel = Long.toString(IDS.incrementAndGet());
        store.create(message(channel));
        var first = counter(channel);
        assertThat(first.getLong(MessageViewKeys.SEQ)).isEqualTo(1L);
        assertThat(first.getLong(MessageViewKeys.COMMITTED)).isEqualTo(1L);
        assertThat(first.getLong(MessageViewKeys.EPOCH)).isNotZero();

        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.create(message(channel));
        store.create(message(channel));
        assertThat(counter(channel).getLong(MessageViewKeys.COMMITTED)).as("not before the batch is written").isEqualTo(1L);
        unitOfWork.commit();
        var after = counter(channel);
        assertThat(after.getLong(MessageViewKeys.COMMITTED)).isEqualTo(3L);
        assertThat(after.getLong(MessageViewKeys.EPOCH)).isEqualTo(first.getLong(MessageViewKeys.EPOCH));
    }

    @Test
    void everyChangeToAnExistingMessageIsAnnouncedOncePerUnitOfWork() {
        var channel = Long.toString(IDS.incrementAndGet());
        var message = message(channel);
        var id = message.getString("_id");
        store.create(message);
        assertThat(changes(channel)).isZero();

        store.change(id, channel, 10, new Document("content", "edited"));
        assertThat(changes(channel)).isEqualTo(1);
        store.change(id, channel, 5, new Document("content", "older edit"));
        assertThat(changes(channel)).as("a change older than the document changes nothing").isEqualTo(1);

        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.change(id, channel, 11, new Document("pinned", true).append("pk", channel));
        store.change(id, channel, 12, new Document("pinned", false).append("pk", null));
        assertThat(changes(channel)).as("announced when the unit of work prepares to commit").isEqualTo(1);
        unitOfWork.commit();
        assertThat(changes(channel)).isEqualTo(2);

        store.delete(id, channel, 13);
        assertThat(changes(channel)).isEqualTo(3);
        store.delete(id, channel, 14);
        assertThat(changes(channel)).as("deleting a tombstone again changes nothing").isEqualTo(3);
    }

    @Test
    void anAuthorsDeletedAccountIsAnnouncedInEveryChannelTheyWroteIn() {
        var author = "author-" + IDS.incrementAndGet();
        var one = Long.toString(IDS.incrementAndGet());
        var two = Long.toString(IDS.incrementAndGet());
        store.create(message(one).append("authorId", author));
        store.create(message(two).append("authorId", author));
        store.markAuthorDeleted(author);
        assertThat(List.of(changes(one), changes(two))).containsExactly(1L, 1L);
    }

    private static Document message(String channel) {
        return new Document("_id", Long.toString(IDS.incrementAndGet())).append("channelId", channel)
                .append("serverId", null).append("authorId", "someone").append("content", "hello")
                .append("tokens", List.of("hello")).append("sk", List.of("c" + channel + ":he")).append("position", 1L);
    }

    private static Document counter(String channel) {
        return db.getCollection(MessageStore.CHANNELS).find(Filters.eq("_id", channel)).first();
    }

    private static long changes(String channel) {
        var counter = counter(channel);
        return counter.get(MessageViewKeys.CHANGES) instanceof Number n ? n.longValue() : 0;
    }
}

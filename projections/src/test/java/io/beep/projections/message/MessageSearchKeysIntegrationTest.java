package io.beep.projections.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.contracts.message.SearchTokens;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.MongoProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search copy's numbers and bucketed keys, against the real MongoDB-wire server (FerretDB here)
 * in a database of the test's own: every message takes the next number of its scope (the server, or
 * the channel outside servers) whatever its channel, its keys are those of its words in the buckets
 * of that number, a creation handled again changes nothing, and an edit swaps the keys of the old
 * words for those of the new ones in the same buckets.
 */
class MessageSearchKeysIntegrationTest {

    private static final String DB = "beep_message_search_keys_it";
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
    void messagesAreNumberedPerScopeAcrossChannelsAndBatches() {
        var server = id();
        var general = id();
        var random = id();
        var dm = id();
        var first = send(server, general, "apple");
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var second = send(server, random, "apple pie");
        var third = send(server, general, "apple tart");
        var direct = send(null, dm, "apple juice");
        unitOfWork.commit();

        assertThat(List.of(number(first), number(second), number(third))).containsExactly(0L, 1L, 2L);
        assertThat(number(direct)).as("a channel outside servers is its own scope").isZero();
        assertThat(hits(MessageViewKeys.bucketKey("s" + server, "apple", 0, 0)))
                .containsExactlyInAnyOrder(first, second, third);
        assertThat(hits(MessageViewKeys.bucketKey("s" + server, "app", 2, 0)))
                .containsExactlyInAnyOrder(first, second, third);
        assertThat(hits(MessageViewKeys.bucketKey("c" + dm, "juice", 1, 0))).containsExactly(direct);
        assertThat(hits(MessageViewKeys.searchKey("s" + server, "apple"))).as("no key of the layout before buckets").isEmpty();
        assertThat(db.getCollection(MessageStore.COLLECTION).find(new Document("_id", first)).first())
                .as("history documents carry no search number").doesNotContainKey(MessageViewKeys.SCOPE_NUMBER);
    }

    @Test
    void aCreationHandledAgainKeepsItsNumberAndKeys() {
        var server = id();
        var channel = id();
        var message = send(server, channel, "banana");
        var before = db.getCollection(MessageStore.SEARCH).find(new Document("_id", message)).first();

        store.create(document(message, server, channel, "banana"));

        var after = db.getCollection(MessageStore.SEARCH).find(new Document("_id", message)).first();
        assertThat(after.get(MessageViewKeys.SCOPE_NUMBER)).isEqualTo(before.get(MessageViewKeys.SCOPE_NUMBER));
        assertThat(after.getList("sk", String.class)).isEqualTo(before.getList("sk", String.class));
    }

    @Test
    void anEditSwapsTheKeysOfTheOldWordsForTheNewOnesInTheSameBuckets() {
        var server = id();
        var channel = id();
        send(server, channel, "filler");
        var message = send(server, channel, "cherry");
        var stored = store.find(message).orElseThrow();
        var words = SearchTokens.of("grape");

        store.change(message, channel, Long.MAX_VALUE, new Document("content", "grape").append("tokens", words)
                .append("sk", MessageViewKeys.searchKeys("s" + server, words, stored.getLong(MessageViewKeys.SCOPE_NUMBER))));

        assertThat(hits(MessageViewKeys.bucketKey("s" + server, "cherry", 0, 0))).isEmpty();
        assertThat(hits(MessageViewKeys.bucketKey("s" + server, "grape", 0, 0))).containsExactly(message);
        assertThat(hits(MessageViewKeys.bucketKey("s" + server, "gra", 1, 0))).containsExactly(message);
    }

    private static String send(String server, String channel, String content) {
        var id = id();
        store.create(document(id, server, channel, content));
        return id;
    }

    private static Document document(String id, String server, String channel, String content) {
        return new Document("_id", id).append("channelId", channel).append("serverId", server)
                .append("authorId", "u").append("content", content).append("type", "default")
                .append("tokens", SearchTokens.of(content)).append("position", IDS.incrementAndGet());
    }

    private static long number(String messageId) {
        return db.getCollection(MessageStore.SEARCH).find(new Document("_id", messageId)).first()
                .getLong(MessageViewKeys.SCOPE_NUMBER);
    }

    private static List<String> hits(String key) {
        return db.getCollection(MessageStore.SEARCH).find(new Document("sk", key))
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    private static String id() {
        return Long.toString(IDS.incrementAndGet());
    }
}

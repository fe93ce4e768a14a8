package io.beep.projections.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.FerretDbTestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a channel or a server removes its messages' documents from the message view and the
 * search copy, on the real Mongo-wire server (FerretDB here) in a database of the test's own.
 */
class MessageDeletionIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static FerretDbTestDatabase ferretDb;
    private static MongoDatabase database;
    private static MessageStore store;

    @BeforeAll
    static void connect() {
        ferretDb = FerretDbTestDatabase.create("beep_deletion_");
        database = ferretDb.database();
        store = new MessageStore(database, new FerretDbIndexes(ferretDb.properties()));
    }

    @AfterAll
    static void dropDatabase() {
        ferretDb.close();
    }

    @Test
    void deletingAChannelRemovesItsMessagesAndItsThreadsMessagesButNoOthers() {
        var server = id();
        var channel = id();
        var thread = id();
        var other = id();
        store.channelCreated(channel, server, null);
        store.channelCreated(thread, server, channel);
        store.channelCreated(other, server, null);
        var inChannel = send(server, channel, "apple pie");
        var inThread = send(server, thread, "apple tart");
        var elsewhere = send(server, other, "apple juice");

        store.deleteChannel(channel);

        assertThat(documents(inChannel)).isZero();
        assertThat(documents(inThread)).isZero();
        assertThat(documents(elsewhere)).isEqualTo(2);
        assertThat(searchHits(io.beep.contracts.message.MessageViewKeys.bucketKey("s" + server, "ap", 0, 0))).containsExactly(elsewhere);
    }

    @Test
    void aDeletedMessageLeavesASearchTombstoneWithItsNumberAndNoKeys() {
        var server = id();
        var channel = id();
        store.channelCreated(channel, server, null);
        send(server, channel, "first words");
        var deleted = send(server, channel, "second words");
        var search = database.getCollection(MessageStore.SEARCH);
        var number = search.find(new Document("_id", deleted)).first().get(MessageViewKeys.SCOPE_NUMBER);
        assertThat(number).isNotNull();

        store.delete(deleted, channel, IDS.incrementAndGet());

        var tombstone = search.find(new Document("_id", deleted)).first();
        assertThat(tombstone.getBoolean("deleted")).isTrue();
        assertThat(tombstone.get(MessageViewKeys.SCOPE_NUMBER)).isEqualTo(number);
        assertThat(tombstone.containsKey("sk")).isFalse();
        assertThat(searchHits(MessageViewKeys.bucketKey("s" + server, "se", 0, 0))).isEmpty();
    }

    @Test
    void messagesOfADeletedChannelHandledLaterAreNotWritten() {
        var server = id();
        var channel = id();
        store.channelCreated(channel, server, null);
        store.deleteChannel(channel);

        var late = send(server, channel, "too late");

        assertThat(documents(late)).isZero();
    }

    @Test
    void deletingACategoryKeepsTheMessagesOfItsChannels() {
        var server = id();
        var category = id();
        var channel = id();
        store.channelCreated(category, server, null);
        store.channelCreated(channel, server, null);
        var kept = send(server, channel, "still here");

        store.deleteChannel(category);

        assertThat(documents(kept)).isEqualTo(2);
    }

    @Test
    void deletingAServerRemovesAllItsMessagesAndIsRepeatable() {
        var server = id();
        var otherServer = id();
        var channel = id();
        var otherChannel = id();
        store.channelCreated(channel, server, null);
        store.channelCreated(otherChannel, otherServer, null);
        var first = send(server, channel, "banana bread");
        var second = send(server, channel, "banana split");
        var elsewhere = send(otherServer, otherChannel, "banana boat");
        assertThat(searchHits(io.beep.contracts.message.MessageViewKeys.bucketKey("s" + server, "ba", 0, 0)))
                .as("the keys the deletion must remove are there before it").isNotEmpty();

        store.deleteServer(server);
        store.deleteServer(server);

        assertThat(documents(first)).isZero();
        assertThat(documents(second)).isZero();
        assertThat(documents(elsewhere)).isEqualTo(2);
        assertThat(searchHits(io.beep.contracts.message.MessageViewKeys.bucketKey("s" + server, "ba", 0, 0))).isEmpty();
        assertThat(send(server, channel, "after")).satisfies(late -> assertThat(documents(late)).isZero());
    }

    private static String id() {
        return Long.toString(IDS.incrementAndGet());
    }

    private static String send(String server, String channel, String content) {
        var id = id();
        var words = io.beep.contracts.message.SearchTokens.of(content);
        store.create(new Document("_id", id).append("channelId", channel).append("serverId", server)
                .append("authorId", "u").append("content", content).append("type", "default")
                .append("tokens", words)
                .append("position", IDS.incrementAndGet()));
        return id;
    }

    /** How many documents (history and search copy together) the message has. */
    private static long documents(String messageId) {
        return database.getCollection(MessageStore.COLLECTION).countDocuments(new Document("_id", messageId))
                + database.getCollection(MessageStore.SEARCH).countDocuments(new Document("_id", messageId));
    }

    private static List<String> searchHits(String key) {
        return database.getCollection(MessageStore.SEARCH).find(new Document("sk", key))
                .map(d -> d.getString("_id")).into(new java.util.ArrayList<>());
    }
}

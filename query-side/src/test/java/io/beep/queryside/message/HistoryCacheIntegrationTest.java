package io.beep.queryside.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beep.contracts.common.Page;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.MessageViewKeys;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-memory history pages against the real MongoDB-wire server (FerretDB here): two readers
 * with caches of their own stand for two query-side instances. The store is written the way the
 * projections write it (documents first, then the counter), and the tests also write a document
 * without touching the counter to show what a reader serves from memory.
 */
class HistoryCacheIntegrationTest {

    private static final String DB = "beep_history_cache_it";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static MongoClient client;
    private static MongoDatabase db;

    @BeforeAll
    static void connect() {
        var url = System.getenv().getOrDefault("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
        client = MongoClients.create("mongodb://" + String.join(",", new ConnectionString(url).getHosts()) + "/" + DB);
        db = client.getDatabase(DB);
        db.drop();
    }

    @AfterAll
    static void close() {
        db.drop();
        client.close();
    }

    private static MessageReader reader() {
        return new MessageReader(db, new HistoryPages(new HistoryCacheProperties(null, null, null)));
    }

    @Test
    void aReaderServesPagesFromMemoryUntilTheCounterSaysTheyChanged() {
        var channel = new Channel(150);
        var reader = reader();
        assertThat(contents(reader.history(channel.id, latest(50)))).first().isEqualTo("m149");

        // a write the counter does not announce yet (the projection bumps it right after its writes)
        channel.setContent(149, "edited");
        assertThat(contents(reader.history(channel.id, latest(50)))).first().as("served from memory").isEqualTo("m149");
        assertThat(contents(reader().history(channel.id, latest(50)))).first().as("a fresh reader reads the store")
                .isEqualTo("edited");

        channel.changed();
        assertThat(contents(reader.history(channel.id, latest(50)))).first().isEqualTo("edited");
    }

    @Test
    void aTokenlessReadMayUseACounterReadAMomentAgoButAReadWithATokenNever() {
        var channel = new Channel(120);
        // a window far longer than the test, so reuse does not depend on timing
        var reader = new MessageReader(db, new HistoryPages(new HistoryCacheProperties(null, null, 600_000)));
        assertThat(contents(reader.history(channel.id, latest(50), true))).first().isEqualTo("m119");

        channel.add(120, "newest");
        assertThat(contents(reader.history(channel.id, latest(50), true))).first()
                .as("tokenless, within the window: the counter read before").isEqualTo("m119");
        assertThat(contents(reader.history(channel.id, latest(50), false))).first()
                .as("with a token: the counter is read again").isEqualTo("newest");
        assertThat(contents(reader.history(channel.id, latest(50), true))).first()
                .as("and later tokenless reads use that newer counter").isEqualTo("newest");

        var noReuse = new MessageReader(db, new HistoryPages(new HistoryCacheProperties(null, null, 0)));
        noReuse.history(channel.id, latest(50), true);
        channel.add(121, "newer still");
        assertThat(contents(noReuse.history(channel.id, latest(50), true))).first().isEqualTo("newer still");
    }

    @Test
    void everyInstanceSeesEditsDeletesAndNewMessagesOnItsNextRead() {
        var channel = new Channel(250);
        var first = reader();
        var second = reader();
        for (var reader : List.of(first, second)) {
            reader.history(channel.id, latest(50));
            reader.history(channel.id, before(channel.ids.get(60), 50));
        }

        channel.setContent(30, "edited old");
        channel.changed();
        channel.delete(249);
        channel.changed();
        channel.add(250, "newest");
        for (var reader : List.of(first, second)) {
            var newest = contents(reader.history(channel.id, latest(50)));
            assertThat(newest).first().isEqualTo("newest");
            assertThat(newest).doesNotContain("m249").contains("m248");
            assertThat(contents(reader.history(channel.id, before(channel.ids.get(60), 50)))).contains("edited old");
        }
    }

    @Test
    void aMessageNotYetCommittedIsNotServedFromMemoryOnceItIs() {
        var channel = new Channel(120);
        var reader = reader();
        reader.history(channel.id, latest(50));
        // numbered and written, but the counter's committed count is raised only after the inserts
        channel.insert(120, "in flight");
        channel.counter(Updates.inc(MessageViewKeys.SEQ, 1L));
        var during = contents(reader.history(channel.id, latest(50)));
        assertThat(during.get(0)).isIn("in flight", "m119");

        channel.counter(Updates.max(MessageViewKeys.COMMITTED, 121L));
        assertThat(contents(reader.history(channel.id, latest(50)))).first().isEqualTo("in flight");
    }

    @Test
    void aPageReadWhileTheStoreChangesIsNotKeptAsCurrent() {
        var channel = new Channel(100);
        var pages = new HistoryPages(new HistoryCacheProperties(null, null, null));
        var before = ChannelCounter.of(channel.counterDocument());
        var loaded = pages.page(channel.id, 0, before, () -> {
            var rows = List.of(new HistoryPages.Row(channel.ids.get(0), 0, view(channel, "old")));
            // the projection writes and bumps the counter while this read is under way
            channel.setContent(0, "new");
            channel.changed();
            return rows;
        });
        assertThat(loaded).extracting(r -> r.view().content()).containsExactly("old");
        var after = ChannelCounter.of(channel.counterDocument());
        var again = pages.page(channel.id, 0, after, () -> List.of(new HistoryPages.Row(channel.ids.get(0), 0,
                view(channel, "reloaded"))));
        assertThat(again).extracting(r -> r.view().content()).containsExactly("reloaded");
    }

    @Test
    void aRebuiltViewWithTheSameCountsIsNeverMistakenForTheOldOne() {
        var channel = new Channel(100);
        var reader = reader();
        reader.history(channel.id, latest(10));
        channel.setContent(99, "rebuilt");
        // a rebuild writes a new counter: same numbers, another epoch
        db.getCollection(MessageReader.CHANNELS).replaceOne(Filters.eq("_id", Long.toString(channel.id)),
                channel.counterDocument().append(MessageViewKeys.EPOCH, channel.epoch + 1));
        assertThat(contents(reader.history(channel.id, latest(10)))).first().isEqualTo("rebuilt");
    }

    private static HistoryQuery latest(int limit) {
        return HistoryQuery.of(null, null, null, Integer.toString(limit));
    }

    private static HistoryQuery before(long id, int limit) {
        return HistoryQuery.of(Long.toString(id), null, null, Integer.toString(limit));
    }

    private static List<String> contents(Page<MessageView> page) {
        return page.items().stream().map(MessageView::content).toList();
    }

    private static MessageView view(Channel channel, String content) {
        return new MessageView(Long.toString(channel.ids.get(0)), Long.toString(channel.id), null, "u", content, null,
                null, false, "default", List.of(), null, null, null, null, false);
    }

    /** A channel of n messages "m0".."m(n-1)" written as the projection writes them. */
    private static final class Channel {

        final long id = IDS.incrementAndGet();
        final long epoch = IDS.incrementAndGet();
        final List<Long> ids = new ArrayList<>();

        Channel(int n) {
            var documents = new ArrayList<Document>();
            for (int seq = 0; seq < n; seq++) {
                documents.add(document(seq, "m" + seq));
            }
            db.getCollection(MessageReader.COLLECTION).insertMany(documents);
            db.getCollection(MessageReader.CHANNELS).insertOne(new Document("_id", Long.toString(id))
                    .append(MessageViewKeys.SEQ, (long) n).append(MessageViewKeys.COMMITTED, (long) n)
                    .append(MessageViewKeys.CHANGES, 0L).append(MessageViewKeys.EPOCH, epoch));
        }

        private Document document(int seq, String content) {
            long messageId = IDS.incrementAndGet();
            ids.add(messageId);
            return new Document("_id", Long.toString(messageId)).append("channelId", Long.toString(id))
                    .append("authorId", "u").append("content", content).append("type", "default")
                    .append("createdAt", new Date()).append("pinned", false).append("attachments", List.of())
                    .append("seq", (long) seq).append("hp", MessageViewKeys.pageKey(Long.toString(id), MessageViewKeys.page(seq)))
                    .append("position", 1L);
        }

        void insert(int seq, String content) {
            db.getCollection(MessageReader.COLLECTION).insertOne(document(seq, content));
        }

        void add(int seq, String content) {
            counter(Updates.inc(MessageViewKeys.SEQ, 1L));
            insert(seq, content);
            counter(Updates.max(MessageViewKeys.COMMITTED, seq + 1L));
        }

        void setContent(int seq, String content) {
            db.getCollection(MessageReader.COLLECTION).updateOne(Filters.eq("_id", Long.toString(ids.get(seq))),
                    Updates.set("content", content));
        }

        void delete(int seq) {
            var messageId = Long.toString(ids.get(seq));
            db.getCollection(MessageReader.COLLECTION).replaceOne(Filters.eq("_id", messageId), new Document("_id", messageId)
                    .append("channelId", Long.toString(id)).append("seq", (long) seq).append("deleted", true));
        }

        void changed() {
            counter(Updates.inc(MessageViewKeys.CHANGES, 1L));
        }

        void counter(org.bson.conversions.Bson update) {
            db.getCollection(MessageReader.CHANNELS).updateOne(Filters.eq("_id", Long.toString(id)), update);
        }

        Document counterDocument() {
            return db.getCollection(MessageReader.CHANNELS).find(Filters.eq("_id", Long.toString(id))).first();
        }
    }
}

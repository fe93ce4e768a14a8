package io.beep.queryside.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.beep.contracts.common.Page;
import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.contracts.message.SearchTokens;
import io.beep.queryside.platform.web.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search over bucketed keys against the real MongoDB-wire server (FerretDB here), in a database of
 * the test's own, written the way the projections write it (numbers in the scope, bucketed keys, the
 * scope's counter): pages come newest first without gaps or repeats, a rare word in a large scope
 * is found through coarser buckets in a bounded number of requests, and messages stored before
 * buckets existed follow the bucketed ones; a coarse bucket that holds far more than expected is given
 * up and read finer instead of whole.
 */
class SearchBucketsIntegrationTest {

    private static final String DB = "beep_search_buckets_it";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    /** Documents the server sent in find and getMore replies, counted by a command listener. */
    private static final AtomicLong DOCUMENTS_RETURNED = new AtomicLong();
    private static MongoClient client;
    private static MongoDatabase db;
    private static MessageReader reader;

    @BeforeAll
    static void connect() {
        var url = System.getenv().getOrDefault("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://"
                        + String.join(",", new ConnectionString(url).getHosts()) + "/" + DB))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandSucceeded(CommandSucceededEvent event) {
                        var cursor = event.getResponse().getDocument("cursor", null);
                        if (cursor != null) {
                            for (var batch : List.of("firstBatch", "nextBatch")) {
                                if (cursor.containsKey(batch)) {
                                    DOCUMENTS_RETURNED.addAndGet(cursor.getArray(batch).size());
                                }
                            }
                        }
                    }
                })
                .build());
        db = client.getDatabase(DB);
        db.drop();
        reader = new MessageReader(db, new HistoryPages(new HistoryCacheProperties(null, null, null)));
    }

    @AfterAll
    static void close() {
        db.drop();
        client.close();
    }

    @Test
    void aFrequentWordIsPagedNewestFirstWithoutGapsOrRepeatsInTheViewableChannelsOnly() {
        var server = id();
        var seen = id();
        var hidden = id();
        var docs = new ArrayList<Document>();
        var expected = new ArrayList<String>();
        for (int number = 0; number < 1_200; number++) {
            var channel = number % 2 == 0 ? seen : hidden;
            var content = number % 3 == 0 ? "common filler" : "filler";
            var doc = bucketed(server, channel, number, content);
            docs.add(doc);
            if (channel.equals(seen) && number % 3 == 0) {
                expected.add(0, doc.getString("_id"));
            }
        }
        store(docs, "s" + server, 1_200);

        var found = new ArrayList<String>();
        SearchCursor cursor = null;
        int requests = 0;
        do {
            var page = reader.search("s" + server, Set.of(seen), List.of("comm"), null, cursor, 50);
            requests++;
            found.addAll(ids(page));
            cursor = next(page);
            if (cursor != null) {
                assertThat(page.items()).as("a page cut short by the work bound only happens for sparse matches").hasSize(50);
            }
        } while (cursor != null && requests < 20);

        assertThat(found).isEqualTo(expected);
        assertThat(requests).isEqualTo(5);
    }

    @Test
    void aRareWordInALargeScopeIsFoundThroughCoarserBucketsInFewRequests() {
        var server = id();
        var channel = id();
        var docs = new ArrayList<Document>();
        var expected = new ArrayList<String>();
        for (int k = 0; k < 30; k++) {
            var doc = bucketed(server, channel, k * 60_000L + 17, "a rare word");
            docs.add(doc);
            expected.add(0, doc.getString("_id"));
        }
        store(docs, "s" + server, 2_000_000);

        var found = new ArrayList<String>();
        SearchCursor cursor = null;
        int requests = 0;
        do {
            var page = reader.search("s" + server, Set.of(channel), List.of("rare"), null, cursor, 10);
            requests++;
            found.addAll(ids(page));
            cursor = next(page);
        } while (cursor != null && requests < 50);

        assertThat(found).isEqualTo(expected);
        assertThat(requests).isLessThanOrEqualTo(6);
        var absent = reader.search("s" + server, Set.of(channel), List.of("zebra"), null, null, 10);
        assertThat(absent.items()).isEmpty();
        assertThat(absent.nextCursor()).as("a word nowhere in 2,000,000 numbers: one request walks them all").isNull();
    }

    @Test
    void aWordFrequentOnlyInOlderMessagesNeverMakesOneRequestReadACoarseBucketWhole() {
        var server = id();
        var channel = id();
        var docs = new ArrayList<Document>();
        var expected = new ArrayList<String>();
        for (int number = 0; number < 2_000; number++) {
            var doc = bucketed(server, channel, number, "dense filler");
            docs.add(doc);
            expected.add(0, doc.getString("_id"));
        }
        store(docs, "s" + server, 300_000);

        var found = new ArrayList<String>();
        long mostPerRequest = 0;
        SearchCursor cursor = null;
        int requests = 0;
        do {
            long before = DOCUMENTS_RETURNED.get();
            var page = reader.search("s" + server, Set.of(channel), List.of("dense"), null, cursor, 10);
            mostPerRequest = Math.max(mostPerRequest, DOCUMENTS_RETURNED.get() - before);
            requests++;
            found.addAll(ids(page));
            cursor = next(page);
        } while (found.size() < 30 && cursor != null && requests < 40);

        assertThat(found.subList(0, 30)).isEqualTo(expected.subList(0, 30));
        assertThat(mostPerRequest).as("documents read by one request (the coarse bucket holds 2,000)")
                .isLessThanOrEqualTo(MessageReader.MAX_DOCUMENTS + MessageReader.OVERFLOW + 1);
    }

    @Test
    void messagesStoredBeforeBucketsFollowTheBucketedOnesAndOldCursorsStillPage() {
        var server = id();
        var channel = id();
        var scope = "s" + server;
        var old = new ArrayList<Document>();
        for (int i = 0; i < 3; i++) {
            var words = SearchTokens.of("legacy kiwi " + i);
            old.add(message(server, channel, "legacy kiwi " + i).append("sk", MessageViewKeys.searchKeys(scope, words)));
        }
        var fresh = new ArrayList<Document>();
        for (int number = 0; number < 3; number++) {
            fresh.add(bucketed(server, channel, number, "bucketed kiwi " + number));
        }
        var all = new ArrayList<>(old);
        all.addAll(fresh);
        store(all, scope, 3);

        var pages = new ArrayList<List<String>>();
        SearchCursor cursor = null;
        do {
            var page = reader.search(scope, Set.of(channel), List.of("kiwi"), null, cursor, 2);
            pages.add(ids(page));
            cursor = next(page);
        } while (cursor != null && pages.size() < 10);

        assertThat(pages).containsExactly(List.of(id(fresh, 2), id(fresh, 1)), List.of(id(fresh, 0), id(old, 2)),
                List.of(id(old, 1), id(old, 0)));
        var byOldCursor = reader.search(scope, Set.of(channel), List.of("kiwi"), null,
                SearchCursor.parse(Paging.cursorAfter(Long.parseLong(id(fresh, 1)))), 2);
        assertThat(ids(byOldCursor)).containsExactly(id(fresh, 0), id(old, 2));
    }

    private static Document bucketed(String server, String channel, long number, String content) {
        var words = SearchTokens.of(content);
        return message(server, channel, content).append(MessageViewKeys.SCOPE_NUMBER, number)
                .append("sk", MessageViewKeys.searchKeys("s" + server, words, number));
    }

    private static Document message(String server, String channel, String content) {
        var id = id();
        return new Document("_id", id).append("n", Long.parseLong(id)).append("channelId", channel)
                .append("serverId", server).append("authorId", "u").append("content", content)
                .append("type", "default").append("tokens", SearchTokens.of(content));
    }

    /** The search copy and the scope's counter, as the projection leaves them. */
    private static void store(List<Document> docs, String scope, long next) {
        db.getCollection(MessageReader.SEARCH).insertMany(docs);
        db.getCollection(MessageReader.CHANNELS).insertOne(new Document("_id", scope).append(MessageViewKeys.SEQ, next));
    }

    private static SearchCursor next(Page<MessageView> page) {
        return page.nextCursor() == null ? null : SearchCursor.parse(page.nextCursor());
    }

    private static List<String> ids(Page<MessageView> page) {
        return page.items().stream().map(MessageView::id).toList();
    }

    private static String id(List<Document> docs, int index) {
        return docs.get(index).getString("_id");
    }

    private static String id() {
        return Long.toString(IDS.incrementAndGet());
    }
}

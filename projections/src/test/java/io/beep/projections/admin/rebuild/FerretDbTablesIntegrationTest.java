package io.beep.projections.admin.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.projections.ItInfrastructure;
import io.beep.projections.platform.mongo.MongoProperties;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rebuild's direct inserts into FerretDB's tables against the real FerretDB and PostgreSQL:
 * a document written by {@link FerretDbTables} is stored with exactly the bytes FerretDB's own
 * insert stores (compared as jsonb in PostgreSQL), reads back equal through FerretDB, is found,
 * changed and removed by FerretDB as usual, and an id that exists is skipped, as FerretDB skips it;
 * a run streamed through {@link FerretDbTables#insertEncodable} (as a rebuild writes) stores the
 * same bytes and stops before a document the encoding leaves to FerretDB.
 */
class FerretDbTablesIntegrationTest {

    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/ferretdb";
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");
    private static MongoClient client;
    private static MongoDatabase database;
    private static MongoProperties properties;

    @BeforeAll
    static void connect() throws Exception {
        ItInfrastructure.prepare();
        var url = "mongodb://" + String.join(",", new ConnectionString(env("BEEP_MONGO_URL",
                "mongodb://127.0.0.1:27017/beep")).getHosts()) + "/" + ItInfrastructure.MONGO_DB;
        client = MongoClients.create(url);
        database = client.getDatabase(ItInfrastructure.MONGO_DB);
        properties = new MongoProperties(url, PG, USER, PASSWORD);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void documentsWrittenIntoTheTableAreStoredAsFerretDbStoresThemAndReadBackEqual() throws Exception {
        var through = "enc_ferretdb_" + System.nanoTime();
        var direct = "enc_direct_" + System.nanoTime();
        var streamed = "enc_streamed_" + System.nanoTime();
        var documents = samples();
        database.getCollection(through).insertMany(documents.stream().map(Document::new).toList());
        try (var tables = FerretDbTables.open(database, properties)) {
            var encoded = documents.stream().map(FerretDbDocumentsReference::encode).toList();
            assertThat(encoded).doesNotContainNull();
            insertReference(tables, direct, encoded);
            // as a rebuild writes them: encoded into the COPY stream one by one
            assertThat(tables.insertEncodable(streamed, documents, 0)).isEqualTo(documents.size());
        }

        var expected = new ArrayList<Document>();
        database.getCollection(through).find().into(expected);
        for (var written : List.of(direct, streamed)) {
            var read = new ArrayList<Document>();
            database.getCollection(written).find().into(read);
            assertThat(read).hasSize(documents.size()).containsExactlyInAnyOrderElementsOf(expected);
            try (var db = DriverManager.getConnection(PG, USER, PASSWORD);
                 var statement = db.prepareStatement("select count(*) filter (where a._jsonb = b._jsonb), count(*) from \""
                         + ItInfrastructure.MONGO_DB + "\".\"" + table(db, through) + "\" a join \""
                         + ItInfrastructure.MONGO_DB + "\".\"" + table(db, written) + "\" b on a._jsonb->'_id' = b._jsonb->'_id'");
                 var rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(2)).isEqualTo(documents.size());
                assertThat(rows.getLong(1)).as("documents stored with the same jsonb").isEqualTo(documents.size());
            }
        }
    }

    @Test
    void aStreamedRunStopsAtTheFirstDocumentTheEncodingRefuses() {
        var name = "enc_run_" + System.nanoTime();
        var documents = List.of(new Document("_id", "r1").append("a", 1), new Document("_id", "r2").append("b", 2),
                new Document("_id", "r3").append("size", 1.5), new Document("_id", "r4").append("c", 3));
        try (var tables = FerretDbTables.open(database, properties)) {
            assertThat(tables.insertEncodable(name, documents, 0)).isEqualTo(2);
            assertThat(tables.insertEncodable(name, documents, 2)).isEqualTo(2);
            assertThat(tables.insertEncodable(name, documents, 3)).isEqualTo(4);
        }
        var ids = new ArrayList<Object>();
        database.getCollection(name).find().forEach(d -> ids.add(d.get("_id")));
        assertThat(ids).containsExactlyInAnyOrder("r1", "r2", "r4");
    }

    @Test
    void documentsWrittenIntoTheTableAreFoundChangedAndRemovedThroughFerretDbAndExistingIdsAreSkipped() {
        var name = "enc_use_" + System.nanoTime();
        var first = samples().get(0);
        try (var tables = FerretDbTables.open(database, properties)) {
            insertReference(tables, name, List.of(FerretDbDocumentsReference.encode(first)));
            var again = new Document(first).append("content", "written twice");
            var other = new Document(first).append("_id", "other-" + name);
            insertReference(tables, name, List.of(FerretDbDocumentsReference.encode(again), FerretDbDocumentsReference.encode(other)));
        }
        var collection = database.getCollection(name);
        assertThat(collection.countDocuments()).isEqualTo(2);
        assertThat(collection.find(Filters.eq("_id", first.getString("_id"))).first()).isEqualTo(first);
        assertThat(collection.find(Filters.eq("hp", first.getString("hp"))).into(new ArrayList<>())).hasSize(2);
        assertThat(collection.find(Filters.eq("sk", "KEY2ZZZZ")).into(new ArrayList<>())).hasSize(2);

        collection.updateOne(Filters.eq("_id", first.getString("_id")), Updates.set("pinned", true));
        assertThat(collection.find(Filters.eq("_id", first.getString("_id"))).first().getBoolean("pinned")).isTrue();
        collection.deleteOne(Filters.eq("_id", "other-" + name));
        assertThat(collection.countDocuments()).isEqualTo(1);
    }

    @Test
    void valuesThisEncodingDoesNotCoverAreLeftToFerretDb() {
        assertThat(FerretDbDocumentsReference.encode(new Document("content", "no id"))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("size", 1.5))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("ref", new ObjectId()))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("$set", 1))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("a.b", 1))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("text", "nul\u0000"))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("text", "half \ud83d"))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("empty", new Document()))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("list", List.of(List.of(1))))).isNull();
        assertThat(FerretDbDocumentsReference.encode(new Document("_id", "a").append("text", "fine"))).isNotNull();
    }

    /** Documents shaped as the message projection writes them, and every value type the encoding covers. */
    private static List<Document> samples() {
        var keys = MessageViewKeys.searchKeys("s1", List.of("hello", "world"), 300);
        var withKeys = new ArrayList<>(keys);
        withKeys.add("KEY2ZZZZ");
        var message = new Document("_id", "1201").append("channelId", "77").append("serverId", "5")
                .append("authorId", "a-1").append("content", "hello \"world\" \\ back\\slash\nline\ttab \u0001 é ✓ 😀")
                .append("type", "default").append("nonce", null).append("replyTo", null)
                .append("createdAt", new Date(1_795_821_771_406L)).append("editedAt", null).append("pinned", false)
                .append("attachments", List.of()).append("tokens", List.of("hello", "world"))
                .append("position", 13_035L).append("n", 1201L).append("seq", 0L).append("hp", "77:0")
                .append(MessageViewKeys.SCOPE_NUMBER, 300L).append("sk", withKeys);
        var second = new Document(message).append("_id", "1202").append("content", "");
        // _id not first, nested documents (their own _id stays in place), ints, negative numbers
        var mixed = new Document("channelId", "78").append("_id", "1203")
                .append("attachments", List.of(new Document("id", "f1").append("filename", "Report \"Q3\".txt")
                        .append("size", 30L).append("contentType", "text/plain")))
                .append("nested", new Document("b", 1).append("_id", "inner").append("deeper",
                        new Document("list", List.of(1, "two", true, 3L))))
                .append("count", -7).append("big", Long.MIN_VALUE).append("when", new Date(-1_000L))
                .append("flags", List.of(true, false)).append("nothing", List.of());
        var tombstone = new Document("_id", "1204").append("channelId", "77").append("deleted", true)
                .append("position", 13_036L).append("seq", 1L);
        return List.of(message, second, mixed, tombstone,
                new Document("_id", "1205").append("map", Map.of("k", "v")));
    }

    private static String table(java.sql.Connection db, String collection) throws Exception {
        try (var statement = db.prepareStatement("select _jsonb->>'table' from \"" + ItInfrastructure.MONGO_DB
                + "\"._ferretdb_database_metadata where _jsonb->>'_id' = ?")) {
            statement.setString(1, collection);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Writes documents the reference encoder made (the oracle's own output checked against FerretDB's). */
    private static void insertReference(FerretDbTables tables, String collection, List<String> encoded) {
        assertThat(tables.insert(collection, encoded.size(), 0, (i, line) -> {
            line.add(FerretDbDocumentsReference.copyLine(encoded.get(i)).getBytes(StandardCharsets.UTF_8));
            return true;
        })).isEqualTo(encoded.size());
    }
}

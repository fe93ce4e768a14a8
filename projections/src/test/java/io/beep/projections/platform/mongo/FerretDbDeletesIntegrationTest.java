package io.beep.projections.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deleting every document with a field value on the real FerretDB on PostgreSQL, in a database of the
 * test's own: straight in FerretDB's table, in chunks, and FerretDB reads the result as it is; on a
 * store without its PostgreSQL side, through the collection.
 */
class FerretDbDeletesIntegrationTest {

    @RegisterExtension
    static final FerretDbTestDatabase STORE = FerretDbTestDatabase.create("beep_deletes_");

    @Test
    void deletesEveryMatchingDocumentInChunksAndNothingElse() {
        var collection = STORE.database().getCollection("chunked");
        insert(collection, "doomed", 2 * FerretDbDeletes.CHUNK + 123);
        insert(collection, "kept", 50);

        long deleted = new FerretDbDeletes(STORE.properties()).deleteAll(collection, "serverId", "doomed");

        assertThat(deleted).isEqualTo(2 * FerretDbDeletes.CHUNK + 123);
        assertThat(collection.countDocuments(new Document("serverId", "doomed"))).as("read through FerretDB").isZero();
        assertThat(collection.countDocuments(new Document("serverId", "kept"))).isEqualTo(50);
        assertThat(new FerretDbDeletes(STORE.properties()).deleteAll(collection, "serverId", "doomed")).as("again: nothing left")
                .isZero();
        collection.insertOne(new Document("_id", "after").append("serverId", "doomed"));
        assertThat(collection.countDocuments(new Document("serverId", "doomed"))).as("FerretDB writes on as before")
                .isEqualTo(1);
    }

    @Test
    void aCollectionThatWasNeverCreatedHasNothingToDelete() {
        assertThat(new FerretDbDeletes(STORE.properties()).deleteAll(STORE.database().getCollection("never_made"), "serverId", "x"))
                .isZero();
    }

    @Test
    void withoutThePostgresSideItDeletesThroughTheCollection() {
        var collection = STORE.database().getCollection("plain");
        insert(collection, "doomed", 20);
        insert(collection, "kept", 3);
        var mongoOnly = new MongoProperties(STORE.properties().url(), "", "", "");

        assertThat(new FerretDbDeletes(mongoOnly).deleteAll(collection, "serverId", "doomed")).isEqualTo(20);
        assertThat(collection.countDocuments()).isEqualTo(3);
    }

    private static void insert(MongoCollection<Document> collection, String server, int count) {
        var batch = new ArrayList<Document>();
        for (int i = 0; i < count; i++) {
            batch.add(new Document("_id", server + "-" + i).append("serverId", server).append("text", "m" + i));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }
}

package io.beep.projections.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lookup indexes on the real FerretDB on PostgreSQL, in a database of the test's own: they are
 * used by FerretDB's equality lookups, and keep no pending list (every lookup would read it whole),
 * also when an index made before that setting is found.
 */
class FerretDbIndexesIntegrationTest {

    @RegisterExtension
    static final FerretDbTestDatabase STORE = FerretDbTestDatabase.create("beep_indexes_");

    @Test
    void newLookupIndexesKeepNoPendingListAndServeLookups() throws SQLException {
        var collection = STORE.database().getCollection("fresh");
        insert(collection, 0, 200);

        new FerretDbIndexes(STORE.properties()).ensure("fresh", "_id", "serverId");
        insert(collection, 200, 50);

        try (var db = postgres()) {
            var table = FerretDbIndexes.tableOf(db, STORE.name(), "fresh");
            assertThat(fastUpdateOff(db, index(table, "_id"))).isTrue();
            assertThat(fastUpdateOff(db, index(table, "serverId"))).isTrue();
            assertThat(mergedPendingPages(db, index(table, "serverId"))).as("inserts after the index went straight in")
                    .isZero();
        }
        assertThat(collection.countDocuments(new Document("serverId", "s7"))).isEqualTo(25);
        assertThat(collection.find(new Document("_id", "d237")).first()).isNotNull();
    }

    @Test
    void anIndexMadeWithAPendingListIsSwitchedAndItsEntriesMerged() throws SQLException {
        var collection = STORE.database().getCollection("older");
        insert(collection, 0, 10);
        String table;
        try (var db = postgres()) {
            table = FerretDbIndexes.tableOf(db, STORE.name(), "older");
            try (var st = db.createStatement()) {
                // as indexes were made before: GIN's default, a pending list
                st.execute("CREATE INDEX \"" + index(table, "serverId") + "\" ON \"" + STORE.name() + "\".\"" + table
                        + "\" USING gin ((_jsonb->'serverId') jsonb_path_ops)");
            }
        }
        insert(collection, 10, 500);

        new FerretDbIndexes(STORE.properties()).ensure("older", "serverId");

        try (var db = postgres()) {
            assertThat(fastUpdateOff(db, index(table, "serverId"))).isTrue();
            assertThat(mergedPendingPages(db, index(table, "serverId"))).as("nothing left in the pending list").isZero();
        }
        assertThat(collection.countDocuments(new Document("serverId", "s3"))).isEqualTo(51);
    }

    private static String index(String table, String field) {
        var name = "beep_" + table + "_" + field + "_gin";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private static boolean fastUpdateOff(Connection db, String index) throws SQLException {
        try (var ps = db.prepareStatement("SELECT coalesce(reloptions, '{}') @> ARRAY['fastupdate=off']"
                + " FROM pg_class WHERE relname = ? AND relnamespace = to_regnamespace(?)")) {
            ps.setString(1, index);
            ps.setString(2, STORE.name());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("index " + index + " exists").isTrue();
                return rs.getBoolean(1);
            }
        }
    }

    /** Merges the index's pending list now and says how many pages it held. */
    private static long mergedPendingPages(Connection db, String index) throws SQLException {
        try (var st = db.createStatement();
             var rs = st.executeQuery("SELECT gin_clean_pending_list('\"" + STORE.name() + "\".\"" + index + "\"'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection postgres() throws SQLException {
        return STORE.postgres();
    }

    private static void insert(MongoCollection<Document> collection, int from, int count) {
        var documents = new ArrayList<Document>();
        for (int i = from; i < from + count; i++) {
            documents.add(new Document("_id", "d" + i).append("serverId", "s" + (i % 10)));
        }
        collection.insertMany(documents);
    }
}

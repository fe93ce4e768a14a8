package io.beep.projections.admin.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.FerretDbTestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebuild copy's lookup indexes on the real FerretDB on PostgreSQL: they keep GIN's pending list
 * while the copy loads, and none once {@link ReadIndexesLater#addNoted} has run (before the copy goes
 * live), with the reader-only indexes added then.
 */
class ReadIndexesLaterIntegrationTest {

    @RegisterExtension
    static final FerretDbTestDatabase STORE = FerretDbTestDatabase.create("beep_later_");

    @Test
    void theCopyKeepsAPendingListWhileLoadingAndNoneOnceSettled() throws SQLException {
        var collection = STORE.database().getCollection("copy");
        collection.insertOne(new Document("_id", "first").append("hp", "c:0").append("serverId", "s"));
        var indexes = new ReadIndexesLater(STORE.properties());
        indexes.ensure("copy", "_id", "serverId");
        indexes.ensureForReads("copy", "hp");
        var docs = new ArrayList<Document>();
        for (int i = 0; i < 300; i++) {
            docs.add(new Document("_id", "m" + i).append("hp", "c:" + i / 100).append("serverId", "s"));
        }
        collection.insertMany(docs);

        assertThat(fastUpdateOff()).as("while loading").containsOnlyKeys("_id", "serverId")
                .containsValues(false);

        indexes.addNoted();

        assertThat(fastUpdateOff()).as("settled").containsOnlyKeys("_id", "serverId", "hp").doesNotContainValue(false);
        assertThat(collection.countDocuments(new Document("hp", "c:1"))).isEqualTo(100);
    }

    /** fastupdate = off per indexed field of the copy's GIN indexes. */
    private static Map<String, Boolean> fastUpdateOff() throws SQLException {
        var found = new LinkedHashMap<String, Boolean>();
        try (var db = STORE.postgres()) {
            var table = FerretDbIndexes.tableOf(db, STORE.name(), "copy");
            try (var ps = db.prepareStatement("SELECT i.relname, coalesce(i.reloptions, '{}') @> ARRAY['fastupdate=off']"
                    + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                    + " JOIN pg_am a ON a.oid = i.relam WHERE a.amname = 'gin' AND t.relname = ?"
                    + " AND t.relnamespace = to_regnamespace(?)")) {
                ps.setString(1, table);
                ps.setString(2, STORE.name());
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var name = rs.getString(1);
                        var field = name.substring(("beep_" + table + "_").length(), name.length() - "_gin".length());
                        found.put(field, rs.getBoolean(2));
                    }
                }
            }
        }
        return found;
    }
}

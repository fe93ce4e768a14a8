package io.beep.projections.platform.mongo;

import com.mongodb.client.MongoCollection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Deletes every document of a collection whose top-level string field has a value (all messages of
 * a deleted server or channel). FerretDB 1.x answers a {@code deleteMany} by listing the ids of every
 * matching document and deleting them in ONE statement with one parameter per id: beyond 65,535
 * documents PostgreSQL refuses it ("extended protocol limited to 65535 parameters", the server stays
 * in the view for good), and well before that it takes tens of seconds (47,408 ids: 20 s, past
 * Axon's handler timeout). So on FerretDB on PostgreSQL the rows are deleted straight in the table
 * FerretDB keeps the collection in, {@link #CHUNK} at a time by the field's index, each chunk
 * committed; FerretDB keeps no state about rows (only about tables and indexes, untouched here), so
 * it reads the table as it is. Elsewhere (MongoDB) it is the collection's own {@code deleteMany}.
 * Doing it again, or after an interruption, deletes what is left.
 */
public class FerretDbDeletes {

    static final int CHUNK = 5_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final MongoProperties properties;

    public FerretDbDeletes(MongoProperties properties) {
        this.properties = properties;
    }

    /** Deletes the documents whose {@code field} is {@code value}; returns how many. */
    public long deleteAll(MongoCollection<Document> collection, String field, String value) {
        var url = properties.ferretdbPostgresUrl();
        if (url == null || url.isBlank()) {
            return collection.deleteMany(new Document(field, value)).getDeletedCount();
        }
        if (!NAME.matcher(field).matches()) {
            throw new IllegalArgumentException("field name " + field);
        }
        // asking the collection first matters in a rebuild: its buffered copy sends every queued
        // write before answering anything but a queued write (ProjectionRebuildIntegrationTest
        // deletes a channel in the rebuilt history)
        var schema = collection.getNamespace().getDatabaseName();
        try (Connection db = DriverManager.getConnection(url, properties.ferretdbPostgresUser(),
                properties.ferretdbPostgresPassword())) {
            db.setAutoCommit(true);
            var table = FerretDbIndexes.tableOf(db, schema, collection.getNamespace().getCollectionName());
            if (table == null) {
                return 0; // no table: the collection was never created, so it holds nothing
            }
            var qualified = quote(schema) + "." + quote(table);
            // equality and containment on the same scalar: the planner may use the field's b-tree
            // (FerretDB's own index) or its GIN index (FerretDbIndexes), whichever exists
            var sql = "DELETE FROM " + qualified + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + qualified
                    + " WHERE _jsonb->'" + field + "' = to_jsonb(?::text) AND _jsonb->'" + field
                    + "' @> to_jsonb(?::text) LIMIT " + CHUNK + "))";
            long deleted = 0;
            try (var statement = db.prepareStatement(sql)) {
                statement.setString(1, value);
                statement.setString(2, value);
                for (int rows = CHUNK; rows == CHUNK; ) {
                    rows = statement.executeUpdate();
                    deleted += rows;
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("deleting " + field + "=" + value + " from "
                    + collection.getNamespace() + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

package io.beep.projections.admin.rebuild;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.MongoProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts of a rebuild's Mongo copy written straight into the PostgreSQL table FerretDB keeps the
 * collection in, in FerretDB's own document encoding ({@link FerretDbDocuments}): {@code COPY} into
 * a temporary table, then one {@code INSERT ... ON CONFLICT DO NOTHING} (a document whose
 * {@code _id} exists is skipped, as the handlers' inserts through FerretDB skip it). FerretDB's
 * metadata is never written here: the collection is created through FerretDB (which records its
 * table and its unique {@code _id} index), and only rows are added to that table, as FerretDB's own
 * insert adds them; every later read and write goes through FerretDB as usual. Used only by
 * rebuilds (the copy is written by nothing else until it switches) and only when the store is
 * FerretDB on PostgreSQL. Safe for several threads (one statement at a time on its connection).
 */
final class FerretDbTables implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FerretDbTables.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final MongoDatabase database;
    private final String schema;
    private final Connection connection;
    private final CopyManager copy;
    private final Map<String, String> tables = new HashMap<>();
    /** The COPY buffer, reused. */
    private final FerretDbDocuments.Line line = new FerretDbDocuments.Line(1 << 17);

    private FerretDbTables(MongoDatabase database, Connection connection) throws SQLException {
        this.database = database;
        this.schema = database.getName();
        this.connection = connection;
        this.copy = new CopyManager(connection.unwrap(BaseConnection.class));
        try (var statement = connection.createStatement()) {
            statement.execute("create temporary table if not exists rebuild_rows (_jsonb jsonb) on commit delete rows");
        }
        connection.setAutoCommit(false);
    }

    /**
     * The writer for {@code database}'s collections; null when the store is not FerretDB on
     * PostgreSQL, or its PostgreSQL database cannot be reached (the copy is then written through
     * FerretDB, only slower).
     */
    static FerretDbTables open(MongoDatabase database, MongoProperties properties) {
        var url = properties == null ? null : properties.ferretdbPostgresUrl();
        if (url == null || url.isBlank() || !NAME.matcher(database.getName()).matches()) {
            return null;
        }
        try {
            var connection = DriverManager.getConnection(url, properties.ferretdbPostgresUser(),
                    properties.ferretdbPostgresPassword());
            try {
                return new FerretDbTables(database, connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            log.warn("rebuild writes through FerretDB: cannot reach its PostgreSQL database: {}", e.getMessage());
            return null;
        }
    }

    /**
     * Inserts {@code documents} from index {@code from} on into {@code collection} (created through
     * FerretDB if it does not exist) as long as {@link FerretDbDocuments#encodeLine} takes them, each
     * encoded straight into the stream (no encoded copy of the run is kept), skipping those whose
     * {@code _id} is there already; durable when this returns. Answers the index of the first
     * document not inserted.
     */
    synchronized int insertEncodable(String collection, List<Document> documents, int from) {
        return insert(collection, documents.size(), from,
                (i, line) -> FerretDbDocuments.encodeLine(documents.get(i), line));
    }

    /** Writes one document as a COPY line (no newline) or answers false, writing nothing. */
    interface LineWriter {
        boolean write(int index, FerretDbDocuments.Line line);
    }

    /**
     * Inserts the documents {@code lines} writes, from index {@code from} on up to {@code size} or
     * the first it refuses, skipping ids there already; answers the index of the first not inserted.
     */
    synchronized int insert(String collection, int size, int from, LineWriter lines) {
        var line = this.line;
        line.clear();
        if (from >= size || !lines.write(from, line)) {
            return from;
        }
        var table = table(collection);
        int next = from;
        try {
            // streamed through one reused buffer: no copy of the whole run (megabytes a chunk)
            var in = copy.copyIn("copy pg_temp.rebuild_rows (_jsonb) from stdin");
            try {
                do {
                    line.add('\n');
                    next++;
                    if (line.size() >= 1 << 16) {
                        in.writeToCopy(line.bytes(), 0, line.size());
                        line.clear();
                    }
                } while (next < size && lines.write(next, line));
                in.writeToCopy(line.bytes(), 0, line.size());
                in.endCopy();
            } finally {
                line.clear();
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            try (var statement = connection.createStatement()) {
                statement.executeUpdate("insert into \"" + schema + "\".\"" + table
                        + "\" (_jsonb) select _jsonb from pg_temp.rebuild_rows on conflict do nothing");
            }
            connection.commit();
            return next;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the failure below is what matters
            }
            throw new IllegalStateException("rebuild insert into " + collection + " failed", e);
        }
    }

    /** Creates {@code collection} through FerretDB unless it exists. */
    synchronized void ensureCollection(String collection) {
        table(collection);
    }

    /** The table FerretDB keeps {@code collection} in, creating the collection through FerretDB first. */
    private String table(String collection) {
        var known = tables.get(collection);
        if (known != null) {
            return known;
        }
        var table = lookUp(collection);
        if (table == null) {
            try {
                database.createCollection(collection);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != 48) { // NamespaceExists: created meanwhile
                    throw e;
                }
            }
            table = lookUp(collection);
        }
        if (table == null) {
            throw new IllegalStateException("FerretDB has no table for collection " + collection);
        }
        tables.put(collection, table);
        return table;
    }

    private String lookUp(String collection) {
        try {
            var table = FerretDbIndexes.tableOf(connection, schema, collection);
            connection.commit();
            return table;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read FerretDB's metadata", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing left to do with it
        }
    }
}

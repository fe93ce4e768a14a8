package io.beep.projections.platform.mongo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes FerretDB 1.x answer the message view's equality lookups from an index. FerretDB stores a
 * collection as a PostgreSQL table of {@code _jsonb} documents and pushes an equality
 * {@code {field: value}} down as {@code _jsonb->'field' @> value}; its own indexes are b-trees on
 * {@code _jsonb->'field'}, which containment cannot use, so without help every lookup reads the
 * whole collection. This adds a GIN index on {@code (_jsonb->'field')} per looked-up field, and
 * makes the database plan each statement for its actual key ({@code plan_cache_mode =
 * force_custom_plan}: FerretDB passes the field name as a parameter, and a generic plan could not
 * match the index expression). Only for FerretDB on PostgreSQL ({@code beep.mongo.ferretdb-postgres-url});
 * on MongoDB the collection's own indexes serve the same queries and this does nothing.
 *
 * <p>The GIN indexes of a live collection keep no pending list ({@code fastupdate = off}): with one,
 * every lookup reads the whole list (up to 4 MB of entries not yet merged) and the insert that
 * finds it full merges it inline, stalling the projection for hundreds of milliseconds (measured,
 * docs/benchmarks.md). Each insert or counter update then merges its own few entries. Indexes made
 * before this setting are switched and their pending entries merged when {@link #ensure} finds them.
 * A rebuild's copy keeps the list while it loads ({@link #pendingListWhileLoading}) and is settled
 * before it goes live ({@link #settle}).
 */
@Component
public class FerretDbIndexes {

    private static final Logger log = LoggerFactory.getLogger(FerretDbIndexes.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final MongoProperties properties;
    private final FerretDbDeletes deletes;
    private final String schema;
    private volatile boolean planModeSet;

    public FerretDbIndexes(MongoProperties properties) {
        this.properties = properties;
        this.deletes = new FerretDbDeletes(properties);
        var name = new com.mongodb.ConnectionString(properties.url()).getDatabase();
        this.schema = name == null || name.isBlank() ? "beep" : name;
    }

    /** Deletes by field value that work for any number of documents ({@link FerretDbDeletes}). */
    public FerretDbDeletes deletes() {
        return deletes;
    }

    /** Whether the store is FerretDB on PostgreSQL (its PostgreSQL database is configured). */
    public boolean enabled() {
        var url = properties.ferretdbPostgresUrl();
        return url != null && !url.isBlank();
    }

    /**
     * Like {@link #ensure}, for fields only readers look up (the projection writing the collection
     * never does): a projection rebuild adds these once its copy is loaded, before the copy goes live.
     */
    public void ensureForReads(String collection, String... fields) {
        ensure(collection, fields);
    }

    /** Adds (if missing) a GIN index per field on the table behind {@code collection}; the collection must exist. */
    public synchronized void ensure(String collection, String... fields) {
        onTable(collection, "add the lookup indexes of", (db, table) -> {
            if (!planModeSet) {
                try (var st = db.createStatement()) {
                    st.execute("ALTER DATABASE \"" + db.getCatalog() + "\" SET plan_cache_mode = force_custom_plan");
                    planModeSet = true;
                } catch (SQLException e) {
                    log.warn("FerretDB database: cannot set plan_cache_mode (needs the database owner): {}", e.getMessage());
                }
            }
            for (var field : fields) {
                if (!NAME.matcher(field).matches()) {
                    throw new IllegalArgumentException("field name " + field);
                }
                var index = ("beep_" + table + "_" + field + "_gin");
                index = index.length() > 63 ? index.substring(0, 63) : index;
                try (var st = db.createStatement()) {
                    st.execute("CREATE INDEX IF NOT EXISTS " + quote(index) + " ON " + quote(schema) + "."
                            + quote(table) + " USING gin ((_jsonb->'" + field + "') jsonb_path_ops)"
                            + (pendingListWhileLoading() ? "" : " WITH (fastupdate = off)"));
                }
            }
            log.info("FerretDB: GIN indexes on {}.{} for {}", schema, table, String.join(", ", fields));
            if (!pendingListWhileLoading()) {
                settle(db, table);
            }
        });
    }

    /**
     * Whether new GIN indexes keep a pending list: only while a rebuild's copy loads (merging
     * entries in bulk costs less per document than one by one), never on a collection readers use.
     */
    protected boolean pendingListWhileLoading() {
        return false;
    }

    /**
     * Turns the pending list of every GIN index on the table behind {@code collection} off and
     * merges the entries it holds, so lookups read the index alone (see the type's comment).
     */
    public synchronized void settle(String collection) {
        onTable(collection, "settle the lookup indexes of", this::settle);
    }

    /** Work on the PostgreSQL table behind a collection. */
    @FunctionalInterface
    private interface TableWork {
        void run(Connection db, String table) throws SQLException;
    }

    /**
     * Runs {@code work} on the table behind {@code collection} (autocommit), if the store is FerretDB
     * on PostgreSQL and the table exists. A failure is logged, not thrown: reads stay correct without
     * the indexes, only slower, so the service keeps running and says so loudly.
     */
    private void onTable(String collection, String what, TableWork work) {
        if (!enabled()) {
            return;
        }
        try (Connection db = DriverManager.getConnection(properties.ferretdbPostgresUrl(), properties.ferretdbPostgresUser(),
                properties.ferretdbPostgresPassword())) {
            db.setAutoCommit(true);
            var table = tableOf(db, schema, collection);
            if (table == null) {
                log.warn("FerretDB: no table found for collection {}", collection);
                return;
            }
            work.run(db, table);
        } catch (SQLException e) {
            log.error("FerretDB: could not {} {}: {}", what, collection, e.getMessage());
        }
    }

    private void settle(Connection db, String table) throws SQLException {
        var pending = new ArrayList<String>();
        try (var ps = db.prepareStatement("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_am a ON a.oid = i.relam"
                + " WHERE a.amname = 'gin' AND t.relname = ? AND t.relnamespace = to_regnamespace(?)"
                + " AND NOT coalesce(i.reloptions, '{}') @> ARRAY['fastupdate=off']")) {
            ps.setString(1, table);
            ps.setString(2, schema);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.add(rs.getString(1));
                }
            }
        }
        for (var index : pending) {
            var name = quote(schema) + "." + quote(index);
            try (var st = db.createStatement()) {
                st.execute("ALTER INDEX " + name + " SET (fastupdate = off)");
                // entries listed before the switch stay listed until merged
                st.execute("SELECT gin_clean_pending_list('" + name.replace("'", "''") + "'::regclass)");
            }
        }
        if (!pending.isEmpty()) {
            log.info("FerretDB: GIN pending lists off and merged on {}.{}: {}", schema, table, String.join(", ", pending));
        }
    }

    /** The PostgreSQL table FerretDB keeps {@code collection} in, or null. */
    public static String tableOf(Connection db, String schema, String collection) throws SQLException {
        if (!NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("database name " + schema);
        }
        try (var ps = db.prepareStatement("SELECT _jsonb->>'table' FROM " + quote(schema)
                + "._ferretdb_database_metadata WHERE _jsonb->>'_id' = ?")) {
            ps.setString(1, collection);
            try (var rs = ps.executeQuery()) {
                var table = rs.next() ? rs.getString(1) : null;
                return table != null && NAME.matcher(table).matches() ? table : null;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return null; // the database (schema) does not exist yet
            }
            throw e;
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

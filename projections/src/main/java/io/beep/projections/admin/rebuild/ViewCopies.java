package io.beep.projections.admin.rebuild;

import com.mongodb.client.MongoDatabase;
import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.MongoProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The copies of a processor's views. A copy has an id ({@code r} + hex); the original copy is
 * {@code ""}. PostgreSQL: the copy is built in schema {@code beep_rb_<id>}, and the switch moves the
 * live tables out to {@code beep_old_<id>} and the copy's tables into the live schema, in one
 * transaction: readers and writers keep using the same table names and see one copy or the other.
 * Mongo: the copy is the collections {@code <name>__<id>}, and the switch points
 * {@code collection_alias} at them (readers consult it). Either way {@code projection_copy} records
 * the live copy in the switch's transaction.
 */
@Component
class ViewCopies {

    private static final Pattern COPY = Pattern.compile("r[0-9a-f]{6,32}");

    private final DataSource views;
    private final JdbcTemplate db;
    private final DataSourceProperties viewsProperties;
    private final DSLContext liveDsl;
    private final MongoDatabase mongo;
    private final CollectionAliases aliases;
    private final BoundHandlers handlers;
    private final MongoProperties mongoProperties;
    /** Collection names the handlers of a copy opened, by copy id. */
    private final Map<String, Set<String>> opened = new ConcurrentHashMap<>();

    ViewCopies(DataSource viewsDataSource, DataSourceProperties viewsDataSourceProperties, DSLContext liveDsl,
               MongoDatabase mongo, CollectionAliases aliases, BoundHandlers handlers, MongoProperties mongoProperties) {
        this.views = viewsDataSource;
        this.db = new JdbcTemplate(viewsDataSource);
        this.viewsProperties = viewsDataSourceProperties;
        this.liveDsl = liveDsl;
        // copies are managed by their real names, never through the live aliases
        this.mongo = RoutedMongo.unwrap(mongo);
        this.aliases = aliases;
        this.handlers = handlers;
        this.mongoProperties = mongoProperties;
    }

    /** The live copy of {@code processor}. */
    String live(String processor) {
        return db.query("select copy from projection_copy where processor = ?", (rs, i) -> rs.getString(1), processor)
                .stream().findFirst().orElse("");
    }

    /** Creates an empty copy {@code copy}, replacing any leftover of that id. */
    void create(String processor, ViewStorage storage, String copy) {
        check(copy);
        if (storage instanceof PostgresTables tables) {
            var live = liveSchema();
            var schema = building(copy);
            db.execute("drop schema if exists " + schema + " cascade");
            db.execute("create schema " + schema);
            for (var table : tables.names()) {
                createTable(live, schema, table);
            }
        } else {
            for (var name : storage.names()) {
                mongo.getCollection(name + "__" + copy).drop();
            }
        }
    }

    /** Opens the copy for writing through fresh handlers of {@code processor}. */
    Session open(String processor, ViewStorage storage, String copy) throws SQLException {
        check(copy);
        if (storage instanceof PostgresTables) {
            {
                var connection = DriverManager.getConnection(viewsProperties.determineUrl(),
                        viewsProperties.determineUsername(), viewsProperties.determinePassword());
                try {
                    connection.setAutoCommit(true);
                    try (var statement = connection.createStatement()) {
                        statement.execute("set search_path to " + building(copy));
                    }
                    connection.setAutoCommit(false);
                    var dsl = DSL.using(connection, liveDsl.dialect(), liveDsl.settings());
                    return new Session(handlers.bind(processor, Map.of(DSLContext.class, dsl)), connection,
                            () -> CompletableFuture.completedFuture(null), () -> { }, () -> { });
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
        }
        var names = opened.computeIfAbsent(copy, c -> ConcurrentHashMap.newKeySet());
        names.addAll(storage.names());
        // on FerretDB: inserts straight into its tables, reader-only indexes once the copy is loaded
        var tables = FerretDbTables.open(mongo, mongoProperties);
        var indexes = new ReadIndexesLater(mongoProperties);
        try {
            var buffered = new BufferedCopy(mongo, name -> {
                names.add(name);
                return name + "__" + copy;
            }, tables);
            return new Session(handlers.bind(processor, Map.of(MongoDatabase.class, buffered.database(),
                    FerretDbIndexes.class, indexes)), null, buffered::handOff, () -> {
                        try {
                            buffered.addIndexes();
                        } catch (RuntimeException | Error e) {
                            throw e;
                        } catch (Throwable e) {
                            throw new IllegalStateException("cannot add the indexes of copy " + copy, e);
                        }
                        indexes.addNoted();
                    }, () -> {
                        try {
                            buffered.close();
                        } finally {
                            if (tables != null) {
                                tables.close();
                            }
                        }
                    });
        } catch (RuntimeException e) {
            if (tables != null) {
                tables.close();
            }
            throw e;
        }
    }

    /**
     * Makes {@code copy} the live copy of {@code processor}, atomically; the caller has paused the
     * processor and brought the copy up to it.
     */
    void makeLive(String processor, ViewStorage storage, String copy) throws SQLException {
        check(copy);
        try (var connection = views.getConnection()) {
            connection.setAutoCommit(false);
            var transaction = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            try {
                transaction.execute("set local lock_timeout = '10s'");
                Map<String, String> switched = new HashMap<>();
                if (storage instanceof PostgresTables tables) {
                    var live = quoted(liveSchema());
                    transaction.execute("create schema " + retired(copy));
                    for (var table : tables.names()) {
                        transaction.execute("alter table " + live + "." + table + " set schema " + retired(copy));
                        transaction.execute("alter table " + building(copy) + "." + table + " set schema " + live);
                    }
                    transaction.execute("drop schema " + building(copy));
                } else {
                    for (var name : namesOf(processor, storage, copy)) {
                        aliases.write(transaction, processor, name, name + "__" + copy);
                        switched.put(name, name + "__" + copy);
                    }
                }
                transaction.update("insert into projection_copy (processor, copy, switched_at) values (?, ?, now()) "
                        + "on conflict (processor) do update set copy = excluded.copy, switched_at = now()",
                        processor, copy);
                connection.commit();
                aliases.switched(switched);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Drops what the copies of {@code processor} other than the live {@code copy} left behind. */
    void dropOld(String processor, ViewStorage storage, String copy) {
        check(copy);
        if (storage instanceof PostgresTables) {
            db.execute("drop schema if exists " + retired(copy) + " cascade");
            return;
        }
        var existing = new ArrayList<String>();
        mongo.listCollectionNames().into(existing);
        for (var name : namesOf(processor, storage, copy)) {
            for (var collection : existing) {
                if ((collection.equals(name) || collection.startsWith(name + "__"))
                        && !collection.equals(name + "__" + copy)) {
                    mongo.getCollection(collection).drop();
                }
            }
        }
        opened.remove(copy);
    }

    /** Drops an unfinished copy (a cancelled rebuild). */
    void discard(String processor, ViewStorage storage, String copy) {
        check(copy);
        if (storage instanceof PostgresTables) {
            db.execute("drop schema if exists " + building(copy) + " cascade");
            return;
        }
        for (var name : namesOf(processor, storage, copy)) {
            mongo.getCollection(name + "__" + copy).drop();
        }
        opened.remove(copy);
    }

    /** Whether the unfinished copy {@code copy} exists (PostgreSQL: its schema). */
    boolean exists(ViewStorage storage, String copy) {
        check(copy);
        if (storage instanceof PostgresTables) {
            return Boolean.TRUE.equals(db.queryForObject(
                    "select exists (select 1 from pg_namespace where nspname = ?)", Boolean.class, building(copy)));
        }
        return true;
    }

    /**
     * The collections of a Mongo copy: the declared ones, those its handlers opened, and those
     * the processor's aliases name (a restarted job that only has the old copy left to drop).
     */
    private Set<String> namesOf(String processor, ViewStorage storage, String copy) {
        var names = new LinkedHashSet<>(storage.names());
        names.addAll(opened.getOrDefault(copy, Set.of()));
        names.addAll(db.queryForList("select name from collection_alias where processor = ?", String.class, processor));
        return names;
    }

    private String liveSchema() {
        return db.queryForObject("select current_schema()", String.class);
    }

    /**
     * A table like {@code live.table}: columns, defaults and checks, then its primary key, unique
     * constraints and indexes under their own names (so later migrations find them by name).
     */
    private void createTable(String live, String schema, String table) {
        var source = quoted(live) + "." + table;
        db.execute("create table " + schema + "." + table + " (like " + source
                + " including defaults including constraints including generated including identity)");
        List<Map<String, Object>> constraints = db.queryForList(
                "select conname, pg_get_constraintdef(c.oid) as def from pg_constraint c "
                        + "where c.conrelid = ?::regclass and c.contype in ('p', 'u', 'x')", source);
        for (var constraint : constraints) {
            db.execute("alter table " + schema + "." + table + " add constraint "
                    + quoted((String) constraint.get("conname")) + " " + constraint.get("def"));
        }
        List<String> indexes = db.queryForList(
                "select pg_get_indexdef(i.indexrelid) from pg_index i where i.indrelid = ?::regclass "
                        + "and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)",
                String.class, source);
        var on = Pattern.compile(" ON (ONLY )?\\S+ USING ");
        for (var definition : indexes) {
            db.execute(on.matcher(definition).replaceFirst(" ON " + schema + "." + table + " USING "));
        }
    }

    private static String building(String copy) {
        return "beep_rb_" + copy;
    }

    private static String retired(String copy) {
        return "beep_old_" + copy;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static void check(String copy) {
        if (!COPY.matcher(copy).matches()) {
            throw new IllegalArgumentException("not a copy id: " + copy);
        }
    }

    /**
     * Fresh handlers writing into one copy; their writes are durable after {@link #commit}, or once
     * the future of {@link #commitAsync} completed.
     */
    static final class Session implements AutoCloseable {

        private final BoundHandlers.Handlers handlers;
        private final Connection connection;
        private final Supplier<CompletableFuture<Void>> write;
        private final Runnable addIndexes;
        private final Runnable release;

        Session(BoundHandlers.Handlers handlers, Connection connection, Supplier<CompletableFuture<Void>> write,
                Runnable addIndexes, Runnable release) {
            this.handlers = handlers;
            this.connection = connection;
            this.write = write;
            this.addIndexes = addIndexes;
            this.release = release;
        }

        BoundHandlers.Handlers handlers() {
            return handlers;
        }

        /** Whether a chunk's writes go on while the next chunk is handled ({@link #commitAsync}). */
        boolean overlapped() {
            return connection == null;
        }

        /** Makes the writes so far durable. */
        void commit() throws SQLException {
            BufferedCopy.await(commitAsync());
        }

        /**
         * Starts making the writes so far durable: the future completes when they are (after
         * those of earlier calls), exceptionally if they failed. Mongo copies write on a thread of
         * their own meanwhile ({@link BufferedCopy#handOff}); PostgreSQL copies commit here and now.
         */
        CompletableFuture<Void> commitAsync() throws SQLException {
            var written = write.get();
            if (connection != null) {
                BufferedCopy.await(written);
                connection.commit();
            }
            return written;
        }

        /**
         * Adds the indexes the loaded copy's readers need that were left out while it was loaded
         * (Mongo copies on FerretDB); before the copy switches live.
         */
        void addIndexes() throws SQLException {
            commit();
            addIndexes.run();
        }

        @Override
        public void close() throws SQLException {
            release.run();
            if (connection != null) {
                try {
                    connection.rollback();
                } finally {
                    connection.close();
                }
            }
        }
    }
}

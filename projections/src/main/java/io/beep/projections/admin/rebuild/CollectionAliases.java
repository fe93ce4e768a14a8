package io.beep.projections.admin.rebuild;

import io.beep.projections.admin.deadletter.DeadLetters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which Mongo collection holds the live copy of each collection name the code uses (table
 * {@code collection_alias}); a name without a row is its own collection. Kept in memory: a switch
 * made by this instance takes effect at once ({@link #switched}); one made by another instance
 * within {@value #TTL_MILLIS} ms (the table is reread that often).
 */
@Component
public class CollectionAliases {

    static final long TTL_MILLIS = 1_000;

    private final JdbcTemplate db;
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private volatile long loadedAt;

    public CollectionAliases(DataSource viewsDataSource, DeadLetters.AdminSchema adminSchema) {
        this.db = new JdbcTemplate(viewsDataSource);
        reload();
    }

    /** The collection that holds {@code name} now. */
    public String resolve(String name) {
        if (System.currentTimeMillis() - loadedAt > TTL_MILLIS) {
            reload();
        }
        return targets.getOrDefault(name, name);
    }

    /** Rereads the table. */
    public final synchronized void reload() {
        var rows = db.query("select name, target from collection_alias",
                (rs, i) -> Map.entry(rs.getString(1), rs.getString(2)));
        rows.forEach(row -> targets.put(row.getKey(), row.getValue()));
        loadedAt = System.currentTimeMillis();
    }

    /** Records, in the caller's transaction, that {@code name} now lives in {@code target}. */
    void write(JdbcTemplate transaction, String processor, String name, String target) {
        transaction.update("insert into collection_alias (name, target, processor, updated_at) values (?, ?, ?, now()) "
                + "on conflict (name) do update set target = excluded.target, processor = excluded.processor, "
                + "updated_at = now()", name, target, processor);
    }

    /** Takes in the switch once its transaction committed. */
    void switched(Map<String, String> aliases) {
        targets.putAll(aliases);
    }
}

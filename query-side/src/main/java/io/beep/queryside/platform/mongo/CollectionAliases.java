package io.beep.queryside.platform.mongo;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Which Mongo collection holds the live copy of each collection name (the projections' table
 * {@code collection_alias} in {@code beep_views}, switched by a projection rebuild); a name without
 * a row is its own collection. Cached for {@value #TTL_MILLIS} ms: after a switch, readers move to
 * the new copy within that time, and the projections keep the old copy longer than that.
 */
@Component
public class CollectionAliases {

    static final long TTL_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(CollectionAliases.class);

    private final DSLContext db;
    private volatile Map<String, String> targets = Map.of();
    private volatile long loadedAt = Long.MIN_VALUE;

    public CollectionAliases(DSLContext db) {
        this.db = db;
    }

    /** The collection that holds {@code name} now. */
    public String resolve(String name) {
        if (System.currentTimeMillis() - loadedAt > TTL_MILLIS) {
            reload();
        }
        return targets.getOrDefault(name, name);
    }

    private synchronized void reload() {
        if (System.currentTimeMillis() - loadedAt <= TTL_MILLIS) {
            return;
        }
        try {
            // before the projections created the table there is no alias (and no failing statement)
            if (Boolean.TRUE.equals(db.resultQuery("select to_regclass('collection_alias') is not null")
                    .fetchOne(0, Boolean.class))) {
                targets = Map.copyOf(db.resultQuery("select name, target from collection_alias")
                        .fetchMap(r -> r.get(0, String.class), r -> r.get(1, String.class)));
            }
        } catch (RuntimeException e) {
            log.warn("collection aliases not readable, keeping the last ones: {}", e.toString());
        }
        loadedAt = System.currentTimeMillis();
    }
}

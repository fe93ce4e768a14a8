package io.beep.projections.admin.rebuild;

import io.beep.projections.platform.mongo.FerretDbIndexes;
import io.beep.projections.platform.mongo.MongoProperties;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The FerretDB indexes of a rebuild's copy: those the handlers look up by are added at once, those
 * only readers use ({@link #ensureForReads}) are noted and added by {@link #addNoted} once the copy
 * is loaded — one index build over the loaded table instead of an index update per inserted
 * document — and before the copy can switch live. The GIN indexes of the copy keep a pending list
 * while it loads; {@link #addNoted} then turns it off and merges it, as on a live collection
 * ({@link FerretDbIndexes#settle}).
 */
final class ReadIndexesLater extends FerretDbIndexes {

    /** Fields noted per collection. */
    private final Map<String, Set<String>> noted = new LinkedHashMap<>();
    /** Every collection of the copy with lookup indexes. */
    private final Set<String> collections = new LinkedHashSet<>();

    ReadIndexesLater(MongoProperties properties) {
        super(properties);
    }

    @Override
    protected boolean pendingListWhileLoading() {
        return true;
    }

    @Override
    public synchronized void ensure(String collection, String... fields) {
        collections.add(collection);
        super.ensure(collection, fields);
    }

    @Override
    public synchronized void ensureForReads(String collection, String... fields) {
        if (!enabled()) {
            return;
        }
        noted.computeIfAbsent(collection, c -> new LinkedHashSet<>()).addAll(Arrays.asList(fields));
    }

    /** Adds the noted indexes (each only if missing), then settles every index of the copy. */
    synchronized void addNoted() {
        noted.forEach((collection, fields) -> ensure(collection, fields.toArray(String[]::new)));
        collections.forEach(this::settle);
    }
}

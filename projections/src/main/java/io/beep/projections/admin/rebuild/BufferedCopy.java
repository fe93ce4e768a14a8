package io.beep.projections.admin.rebuild;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The Mongo side of a rebuild copy, for speed: the handlers' writes ({@code insertOne},
 * {@code insertMany}, {@code updateOne}, {@code replaceOne}, {@code deleteOne}) are queued per
 * collection and sent as one ordered {@code bulkWrite} at {@link #flush} (a duplicate key skips
 * that one write, as the handlers do themselves), and a lookup by {@code _id} alone is answered from the set of ids the
 * copy holds when the id is not there (the copy is written by this object only). Any other call
 * first flushes the collection's queue, then goes to the collection. The handlers' code is not
 * changed: it sees a {@link MongoDatabase}.
 *
 * <p>On FerretDB on PostgreSQL ({@link FerretDbTables} given), each run of queued inserts is
 * written straight into the collection's table instead (same documents, same bytes, same
 * skipping of existing ids; the rest of the queue keeps its order around it), and the handlers'
 * {@code createIndex} calls are noted and made by {@link #addIndexes} once the copy is loaded:
 * FerretDB's indexes serve neither the handlers' lookups (its GIN indexes do, {@link ReadIndexesLater})
 * nor anything before the copy switches live.
 *
 * <p>{@link #handOff} gives the queued writes to a writer thread of the copy's own and returns at
 * once, so the next chunk is read and handled while this one is written (on two cores the JVM and
 * PostgreSQL work side by side). The writes stay in order per collection: the writer takes
 * hand-offs one after the other, and any call of a handler that has to reach the store (a lookup,
 * a counter's {@code findOneAndUpdate}) first waits until the writes handed off for that
 * collection are done. Queued documents are encoded when they are written: a handler must not
 * change a document after inserting it (none does; the Mongo driver's own insert copies it at
 * once).
 */
final class BufferedCopy implements AutoCloseable {

    private final MongoDatabase database;
    private final UnaryOperator<String> names;
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final MongoDatabase proxy;
    private final FerretDbTables tables;
    /** The createIndex calls noted for {@link #addIndexes}: collection, method, arguments. */
    private final List<Object[]> indexes = new ArrayList<>();
    /** Writes the handed-off queues, one hand-off after the other. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "rebuild-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** The writes of the last hand-off. */
    private CompletableFuture<Void> handedOff = CompletableFuture.completedFuture(null);

    /** A copy written through {@code database}; through {@code tables} (nullable) where it can. */
    BufferedCopy(MongoDatabase database, UnaryOperator<String> names, FerretDbTables tables) {
        this.database = database;
        this.names = names;
        this.tables = tables;
        this.proxy = (MongoDatabase) Proxy.newProxyInstance(BufferedCopy.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, (p, method, args) -> {
                    if (method.getName().equals("getCollection") && args != null && args.length >= 1
                            && args[0] instanceof String name) {
                        return buffer(name).proxy;
                    }
                    return call(p, method, args, database);
                });
    }

    /** The database the handlers get. */
    MongoDatabase database() {
        return proxy;
    }

    /** Sends every queued write; they are durable when this returns. */
    synchronized void flush() {
        await(handOff());
    }

    /**
     * Gives every queued write to the writer thread, after those handed off before; the future
     * completes once they are all durable (exceptionally if one failed: then nothing handed off
     * later is written either). Small queues go first, so a handler's next call on such a
     * collection waits least.
     */
    synchronized CompletableFuture<Void> handOff() {
        var parts = new ArrayList<Part>();
        for (var buffer : buffers.values()) {
            var part = buffer.handOff();
            if (part != null) {
                parts.add(part);
            }
        }
        parts.sort(Comparator.comparingInt(part -> part.writes.size()));
        var previous = handedOff;
        handedOff = CompletableFuture.runAsync(() -> {
            Throwable failed = previous.isCompletedExceptionally() ? failure(previous) : null;
            for (var part : parts) {
                if (failed != null) {
                    part.done.completeExceptionally(failed);
                    continue;
                }
                try {
                    part.buffer.write(part.writes);
                    part.done.complete(null);
                } catch (RuntimeException | Error e) {
                    failed = e;
                    part.done.completeExceptionally(e);
                }
            }
            if (failed != null) {
                throw failed instanceof RuntimeException e ? e : new IllegalStateException(failed);
            }
        }, writer);
        return handedOff;
    }

    /** Waits for the writes handed off so far (a failure was reported to whoever waited for them) and stops the writer. */
    @Override
    public synchronized void close() {
        try {
            handedOff.exceptionally(e -> null).join();
        } finally {
            writer.shutdown();
        }
    }

    /** Waits for {@code writes}; their failure is thrown as it was (unchecked) or wrapped. */
    static void await(CompletableFuture<Void> writes) {
        try {
            writes.join();
        } catch (CompletionException e) {
            var cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static Throwable failure(CompletableFuture<Void> writes) {
        try {
            writes.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** One collection's writes of a hand-off. */
    private record Part(Buffer buffer, List<WriteModel<Document>> writes, CompletableFuture<Void> done) {
    }

    /** Makes the noted {@code createIndex} calls (an index that exists already is left as it is). */
    synchronized void addIndexes() throws Throwable {
        flush();
        for (var call : indexes) {
            var collection = database.getCollection((String) call[0]);
            call(collection, (Method) call[1], (Object[]) call[2], collection);
        }
    }

    private synchronized Buffer buffer(String name) {
        return buffers.computeIfAbsent(name, n -> new Buffer(database.getCollection(names.apply(n)), names.apply(n),
                tables, indexes));
    }

    private static Object call(Object proxy, Method method, Object[] args, Object target) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "buffered " + target;
                default:
                    break;
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One collection's queue and id set. */
    private static final class Buffer implements InvocationHandler {

        private static final int MAX_QUEUED = 10_000;
        private static final Set<String> READS = Set.of("find", "countDocuments", "estimatedDocumentCount",
                "distinct", "aggregate", "listIndexes", "createIndex", "createIndexes", "watch");

        private final MongoCollection<Document> collection;
        private final String name;
        private final FerretDbTables tables;
        private final List<Object[]> indexes;
        private final List<WriteModel<Document>> queued = new ArrayList<>();
        private final Object proxy;
        /** The ids in the collection once a lookup by id needed them; null before. */
        private Set<BsonValue> ids;
        /** The writes of this collection last handed off to the writer thread. */
        private CompletableFuture<Void> handedOff = CompletableFuture.completedFuture(null);

        Buffer(MongoCollection<Document> collection, String name, FerretDbTables tables, List<Object[]> indexes) {
            this.collection = collection;
            this.name = name;
            this.tables = tables;
            this.indexes = indexes;
            this.proxy = Proxy.newProxyInstance(BufferedCopy.class.getClassLoader(),
                    new Class<?>[] {MongoCollection.class}, this);
        }

        @Override
        public synchronized Object invoke(Object p, Method method, Object[] args) throws Throwable {
            int arity = args == null ? 0 : args.length;
            switch (method.getName()) {
                case "insertOne":
                    if (arity == 1 && args[0] instanceof Document document) {
                        remember(document);
                        return queue(new InsertOneModel<>(document));
                    }
                    break;
                case "insertMany":
                    if (arity >= 1 && args[0] instanceof List<?> documents
                            && documents.stream().allMatch(Document.class::isInstance)) {
                        for (var document : documents) {
                            remember((Document) document);
                            queue(new InsertOneModel<>((Document) document));
                        }
                        return null;
                    }
                    break;
                case "updateOne":
                    if (arity >= 2 && args[0] instanceof Bson filter && args[1] instanceof Bson update) {
                        var options = arity == 3 && args[2] instanceof UpdateOptions o ? o : new UpdateOptions();
                        if (options.isUpsert()) {
                            var id = idOnly(filter);
                            if (id == null) {
                                ids = null;
                            } else if (ids != null) {
                                ids.add(id);
                            }
                        }
                        return queue(new UpdateOneModel<>(filter, update, options));
                    }
                    break;
                case "replaceOne":
                    if (arity >= 2 && args[0] instanceof Bson filter && args[1] instanceof Document document) {
                        var options = arity == 3 && args[2] instanceof ReplaceOptions o ? o : new ReplaceOptions();
                        remember(document);
                        return queue(new ReplaceOneModel<>(filter, document, options));
                    }
                    break;
                case "deleteOne":
                    if (arity == 1 && args[0] instanceof Bson filter) {
                        return queue(new DeleteOneModel<>(filter));
                    }
                    break;
                case "createIndex", "createIndexes":
                    if (tables != null && arity >= 1) {
                        // the collection exists from now on (the handlers' GIN indexes need its table)
                        tables.ensureCollection(name);
                        synchronized (indexes) {
                            indexes.add(new Object[] {name, method, args});
                        }
                        return method.getName().equals("createIndex") ? indexName(args) : List.of();
                    }
                    break;
                case "find":
                    if (arity == 1 && args[0] instanceof Bson filter) {
                        var id = idOnly(filter);
                        if (id != null && !ids().contains(id)) {
                            return nothing(method.getReturnType());
                        }
                    }
                    break;
                default:
                    break;
            }
            flush();
            if (!READS.contains(method.getName()) && !method.getName().startsWith("get")
                    && !method.getName().startsWith("with")) {
                // a write this object does not follow (findOneAndUpdate, updateMany, ...): ids unknown
                ids = null;
            }
            return call(p, method, args, collection);
        }

        private Object queue(WriteModel<Document> write) {
            queued.add(write);
            if (queued.size() >= MAX_QUEUED) {
                flush();
            }
            return null;
        }

        private void remember(Document document) {
            if (ids != null && document.containsKey("_id")) {
                ids.add(new Document("_id", document.get("_id")).toBsonDocument().get("_id"));
            }
        }

        private Set<BsonValue> ids() {
            if (ids == null) {
                flush();
                var loaded = new HashSet<BsonValue>();
                for (var document : collection.find().projection(Projections.include("_id"))) {
                    loaded.add(document.toBsonDocument().get("_id"));
                }
                ids = loaded;
            }
            return ids;
        }

        /** Hands the queued writes off (null when none are queued). */
        synchronized Part handOff() {
            if (queued.isEmpty()) {
                return null;
            }
            var part = new Part(this, new ArrayList<>(queued), new CompletableFuture<>());
            queued.clear();
            handedOff = part.done;
            return part;
        }

        /** Sends the queued writes here and now, after those handed off; durable when this returns. */
        synchronized void flush() {
            await(handedOff);
            var all = new ArrayList<>(queued);
            queued.clear();
            write(all);
        }

        /**
         * Writes {@code all} in order (on the writer thread, or in {@link #flush}); touches nothing
         * of this object that the handlers' thread changes, so it holds no lock of it.
         */
        void write(List<WriteModel<Document>> all) {
            int from = 0;
            while (from < all.size()) {
                // a run of inserts FerretDB's table takes directly, else a run of other writes
                int to = from;
                while (tables != null && to < all.size() && all.get(to) instanceof InsertOneModel<?>) {
                    to++;
                }
                if (to > from) {
                    var documents = all.subList(from, to).stream()
                            .map(write -> ((InsertOneModel<Document>) write).getDocument()).toList();
                    int taken = tables.insertEncodable(name, documents, 0);
                    if (taken > 0) {
                        from += taken;
                        continue;
                    }
                }
                to = from + 1;
                while (tables != null && to < all.size() && !(all.get(to) instanceof InsertOneModel<?>)) {
                    to++;
                }
                if (tables == null) {
                    to = all.size();
                }
                bulkWrite(new ArrayList<>(all.subList(from, to)));
                from = to;
            }
        }

        /** Sends the writes in order; a duplicate key skips that one write. */
        private void bulkWrite(List<WriteModel<Document>> writes) {
            var rest = writes;
            while (!rest.isEmpty()) {
                try {
                    collection.bulkWrite(rest, new BulkWriteOptions().ordered(true));
                    return;
                } catch (MongoBulkWriteException e) {
                    var error = e.getWriteErrors().get(0);
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    rest = new ArrayList<>(rest.subList(error.getIndex() + 1, rest.size()));
                }
            }
        }

        /** The name a {@code createIndex(keys[, options])} call gives its index. */
        private static String indexName(Object[] args) {
            if (args.length >= 2 && args[1] instanceof IndexOptions options && options.getName() != null) {
                return options.getName();
            }
            return args[0] instanceof Bson keys ? keys.toBsonDocument().keySet().toString() : "";
        }

        /** The value of a filter that is {@code {_id: value}} and nothing else; null otherwise. */
        private static BsonValue idOnly(Bson filter) {
            BsonDocument document = filter.toBsonDocument();
            if (document.size() != 1 || !document.containsKey("_id")) {
                return null;
            }
            var value = document.get("_id");
            return value.isDocument() ? null : value;
        }

        /** An empty result that never reaches the server. */
        private static Object nothing(Class<?> type) {
            return Proxy.newProxyInstance(BufferedCopy.class.getClassLoader(), new Class<?>[] {type},
                    (p, method, args) -> switch (method.getName()) {
                        case "first", "tryNext" -> null;
                        case "into" -> args[0];
                        case "iterator", "cursor" -> nothing(MongoCursor.class);
                        case "hasNext" -> false;
                        case "close", "forEach" -> null;
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == args[0];
                        case "toString" -> "no documents";
                        case "next" -> throw new java.util.NoSuchElementException();
                        default -> {
                            // FindIterable's builder methods (limit, projection, sort, ...) answer itself
                            if (method.getReturnType().isInstance(p)) {
                                yield p;
                            }
                            throw new UnsupportedOperationException(method.getName() + " on an empty lookup");
                        }
                    });
        }
    }
}

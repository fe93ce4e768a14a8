import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.beep.contracts.message.MessageViewKeys;
import org.bson.Document;

/**
 * History and search latency on channels of increasing size (SIZES, default 10000,1000000).
 * The messages are SEEDED STRAIGHT INTO THE VIEW (the FerretDB `message_view` collection, the
 * document shape MessageProjection writes with its history page and search keys from
 * io.beep.contracts.message.MessageViewKeys, worker id 1023 so ids never collide with real ones);
 * the channels themselves are real (made through the gateway by bench-send-000, so the query
 * side's SpiceDB checks run as usual). Each message has 8 words from a 5,000-word vocabulary;
 * 10% also carry "common", 0.1% carry "rare". Then, sequentially through the gateway:
 * newest page, a page from the middle (before=), search "common", search "rare"; and the same
 * queries straight on FerretDB (no gateway) to split the time.
 *
 * Run: bench/message-reads (puts the MongoDB driver from ~/.m2 on the class path).
 */
public class MessageReads {

    static final String GW = env("BEEP_GATEWAY_URL", "http://127.0.0.1:8080");
    /** Where the measured reads go: the gateway, or a query-side instance directly (READ_URL). */
    static final String READS = env("READ_URL", GW);
    static final String KC = env("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180") + "/realms/" + env("BEEP_KEYCLOAK_REALM", "beep");
    static final String MONGO = env("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
    static final String SIZES = env("SIZES", "10000,1000000");
    static final int REPS = Integer.parseInt(env("REPS", "50"));
    static final long BUDGET_MS = Long.parseLong(env("BUDGET_S", "40")) * 1000;
    /** Untimed requests before each measured query kind (at most WARMUP_S seconds): services just started run interpreted code. */
    static final int WARMUP = Integer.parseInt(env("WARMUP", "200"));
    static final long WARMUP_MS = Long.parseLong(env("WARMUP_S", "20")) * 1000;
    static final long EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        // READ_USER seeds and reads (the owner of a READ_CHANNEL); a reused channel needs no new server
        var token = login(env("READ_USER", "bench-send-000"));
        var serverId = env("READ_CHANNEL", "").isEmpty() && env("RESEED", "").isEmpty() ? id(post(GW + "/api/v1/servers", token,
                "{\"name\":\"read bench " + Instant.now() + "\",\"description\":\"read bench\",\"visibility\":\"public\"}")) : null;
        try (var client = MongoClients.create(MONGO)) {
            var db = client.getDatabase(MONGO.substring(MONGO.lastIndexOf('/') + 1));
            var messages = db.getCollection("message_view");
            counters = db.getCollection("message_view_channels");
            search = db.getCollection("message_search");
            if (!env("RESEED", "").isEmpty()) {
                reseed(env("RESEED", ""), Integer.parseInt(SIZES.split(",")[0].trim()));
                System.exit(0);
            }
            try {
                measureAll(messages, token, serverId);
            } finally {
                // seeded documents have no events behind them: a rebuild would drop them anyway
                // a reused channel (READ_CHANNEL) is kept unless KEEP=0 says otherwise
                if (!"1".equals(env("KEEP", env("READ_CHANNEL", "").isEmpty() ? "0" : "1"))) {
                    unseed(messages);
                }
            }
        }
        System.exit(0);
    }

    /** Removes the seeded documents (straight in PostgreSQL when seeded that way: a FerretDB deleteMany scans). */
    static void unseed(MongoCollection<Document> messages) throws Exception {
        // only the channels this run seeded: channels kept by earlier runs (KEEP=1) stay
        for (var channelId : seeded) {
            if (!"sql".equals(env("SEED", "sql"))) {
                messages.deleteMany(Filters.eq("channelId", channelId));
                search.deleteMany(Filters.eq("channelId", channelId));
                continue;
            }
            var pg = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/ferretdb";
            try (var db = java.sql.DriverManager.getConnection(pg, env("BEEP_PG_USER", "beep"), env("BEEP_PG_PASSWORD", "beep"));
                 var st = db.prepareStatement("DELETE FROM beep.\"" + table(db, "message_view") + "\" WHERE _jsonb->'channelId' @> to_jsonb(?::text)");
                 var st2 = db.prepareStatement("DELETE FROM beep.\"" + table(db, "message_search") + "\" WHERE _jsonb->'channelId' @> to_jsonb(?::text)")) {
                for (var statement : List.of(st, st2)) {
                    statement.setString(1, channelId);
                    statement.executeUpdate();
                }
            }
        }
    }

    /** The channels this run seeded (unseeded at the end unless KEEP=1). */
    static final List<String> seeded = new ArrayList<>();

    /**
     * RESEED=<serverId>:<channelId>:<middle id> (with SIZES=<its size> and LAYOUT): writes a kept channel's
     * documents again, the same ids and words (start time and salt come from the middle id), then exits.
     */
    static void reseed(String spec, int n) throws Exception {
        var parts = spec.split(":");
        long middle = Long.parseLong(parts[2]);
        salt = (int) ((middle & 0xfff) >> 2) - 1;
        fixedStartMs = (middle >> 22) - (n / 2) / 4;
        long t0 = System.nanoTime();
        long again = seed(null, parts[0], parts[1], n);
        System.out.printf("reseeded channel %s: %,d messages in %.1f s; READ_CHANNEL=%s:%d%n", parts[1], n,
                (System.nanoTime() - t0) / 1e9, parts[1], again);
    }

    /** The start of the seeded ids when RESEED fixes it. */
    static Long fixedStartMs;

    static MongoCollection<Document> counters;
    static MongoCollection<Document> search;

    static void measureAll(MongoCollection<Document> messages, String token, String serverId) throws Exception {
        for (var size : SIZES.split(",")) {
            {
                int n = Integer.parseInt(size.trim());
                String channelId;
                long middle;
                var reuse = env("READ_CHANNEL", "");
                if (!reuse.isEmpty()) {
                    // READ_CHANNEL=<channelId>:<middle id> of a channel seeded before with KEEP=1 (same user)
                    channelId = reuse.split(":")[0];
                    middle = Long.parseLong(reuse.split(":")[1]);
                    System.out.printf("%nchannel %s: reusing %,d seeded messages%n", channelId, n);
                } else {
                    channelId = id(post(GW + "/api/v1/servers/" + serverId + "/channels", token,
                            "{\"name\":\"read-" + n + "\",\"type\":\"text\"}"));
                    long t0 = System.nanoTime();
                    seeded.add(channelId);
                    middle = seed(messages, serverId, channelId, n);
                    System.out.printf("%nchannel %s: seeded %,d messages in %.1f s (%.0f docs/s); READ_CHANNEL=%s:%d%n",
                            channelId, n, (System.nanoTime() - t0) / 1e9, n / ((System.nanoTime() - t0) / 1e9), channelId, middle);
                }
                var base = READS + "/api/v1/channels/" + channelId + "/messages";
                measure("history newest page (limit=50)", () -> get(base + "?limit=50", token));
                measure("history page from the middle (before=)", () -> get(base + "?limit=50&before=" + middle, token));
                measure("history page from the middle, 2nd page on (before=)", new Call() {
                    long before = middle;
                    public Object run() throws Exception {
                        // a client paging back: each request names the last id of the previous answer
                        var body = ((HttpResponse<?>) get(base + "?limit=50&before=" + before, token)).body().toString();
                        var m = java.util.regex.Pattern.compile("\"nextCursor\"\\s*:\\s*\"(\\d+)\"").matcher(body);
                        before = m.find() ? Long.parseLong(m.group(1)) : middle;
                        return body;
                    }
                });
                // SEARCHES picks the words (a frequent word's search may outlive the gateway's timeout)
                var searches = List.of(env("SEARCHES", "rare,kalo,common").split(","));
                if (searches.contains("rare")) {
                    measure("search q=rare (0.1% match)", () -> get(base + "/search?q=rare&limit=25", token));
                }
                if (searches.contains("kalo")) {
                    measure("search q=kalo (prefix, ~1% match)", () -> get(base + "/search?q=kalo&limit=25", token));
                }
                if (searches.contains("common")) {
                    measure("search q=common (10% match)", () -> get(base + "/search?q=common&limit=25", token));
                }
                var page = Filters.eq("hp", MessageViewKeys.pageKey(channelId, MessageViewKeys.page(n - 1)));
                measure("  FerretDB direct: one history page key", () -> messages.find(page).into(new ArrayList<>()));
            }
        }
    }

    /** Inserts n messages of the channel (newest last); returns the id of the middle one. */
    /** Sequence bits of the seeded ids: distinct per seeded channel, so channels seeded in one run never collide. */
    static int salt;

    static long seed(MongoCollection<Document> messages, String serverId, String channelId, int n) throws Exception {
        salt++;
        return "sql".equals(env("SEED", "sql")) ? seedSql(serverId, channelId, n) : seedMongo(messages, serverId, channelId, n);
    }

    /**
     * Seeds through PostgreSQL COPY into the table FerretDB keeps the collection in, in FerretDB's
     * own document encoding (the same bytes an insert through FerretDB writes, ~50x faster); the
     * reads measured afterwards all go through FerretDB as usual.
     */
    static long seedSql(String serverId, String channelId, int n) throws Exception {
        var pg = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/ferretdb";
        long startMs = fixedStartMs != null ? fixedStartMs : System.currentTimeMillis() - EPOCH - n / 4 - 60_000;
        try (var db = java.sql.DriverManager.getConnection(pg, env("BEEP_PG_USER", "beep"), env("BEEP_PG_PASSWORD", "beep"))) {
            var viewTable = table(db, "message_view");
            var searchTable = table(db, "message_search");
            var copy = new org.postgresql.copy.CopyManager(db.unwrap(org.postgresql.core.BaseConnection.class));
            var random = new Random(n);
            var scope = MessageViewKeys.scope(serverId, channelId);
            int batch = 20_000;
            for (int from = 0; from < n; from += batch) {
                var views = new StringBuilder(batch * 900);
                var copies = new StringBuilder(batch * 3000);
                for (int i = from; i < Math.min(n, from + batch); i++) {
                    long ms = startMs + i / 4;
                    long id = (ms << 22) | (1023L << 12) | (salt << 2) | (i % 4);
                    var distinct = words(random, i).stream().distinct().toList();
                    // the scope is the bench's own server: the message's number in it is i
                    var sk = FLAT ? MessageViewKeys.searchKeys(scope, distinct) : MessageViewKeys.searchKeys(scope, distinct, i);
                    var schema = new StringBuilder("{\"_id\": {\"t\": \"string\"}, \"channelId\": {\"t\": \"string\"}, \"serverId\": {\"t\": \"string\"}, "
                            + "\"authorId\": {\"t\": \"string\"}, \"content\": {\"t\": \"string\"}, \"type\": {\"t\": \"string\"}, \"nonce\": {\"t\": \"null\"}, "
                            + "\"replyTo\": {\"t\": \"null\"}, \"createdAt\": {\"t\": \"date\"}, \"editedAt\": {\"t\": \"null\"}, \"pinned\": {\"t\": \"bool\"}, "
                            + "\"attachments\": {\"i\": [], \"t\": \"array\"}, \"position\": {\"t\": \"long\"}, \"n\": {\"t\": \"long\"}");
                    var keys = new StringBuilder("\"_id\", \"channelId\", \"serverId\", \"authorId\", \"content\", \"type\", \"nonce\", "
                            + "\"replyTo\", \"createdAt\", \"editedAt\", \"pinned\", \"attachments\", \"position\", \"n\"");
                    var values = new StringBuilder("\"_id\": \"").append(id).append("\", \"channelId\": \"").append(channelId)
                            .append("\", \"serverId\": \"").append(serverId).append("\", \"authorId\": \"bench-seed\", \"content\": \"")
                            .append(String.join(" ", distinct)).append("\", \"type\": \"default\", \"nonce\": null, \"replyTo\": null, \"createdAt\": ")
                            .append(EPOCH + ms).append(", \"editedAt\": null, \"pinned\": false, \"attachments\": [], \"position\": 0, \"n\": ").append(id);
                    // history document: + seq and page
                    views.append("{\"$s\": {\"p\": ").append(schema).append(", \"seq\": {\"t\": \"long\"}, \"hp\": {\"t\": \"string\"}}, \"$k\": [")
                            .append(keys).append(", \"seq\", \"hp\"]}, ").append(values).append(", \"seq\": ").append(i)
                            .append(", \"hp\": \"").append(MessageViewKeys.pageKey(channelId, MessageViewKeys.page(i))).append("\"}\n");
                    // search copy: + words and search keys
                    var number = FLAT ? "" : ", \"" + MessageViewKeys.SCOPE_NUMBER + "\"";
                    copies.append("{\"$s\": {\"p\": ").append(schema).append(", \"tokens\": ").append(stringArraySchema(distinct.size()))
                            .append(", \"sk\": ").append(stringArraySchema(sk.size()))
                            .append(FLAT ? "" : number + ": {\"t\": \"long\"}").append("}, \"$k\": [").append(keys)
                            .append(", \"tokens\", \"sk\"").append(number).append("]}, ").append(values).append(", \"tokens\": ").append(stringArray(distinct))
                            .append(", \"sk\": ").append(stringArray(sk)).append(FLAT ? "" : number + ": " + i).append("}\n");
                }
                copy.copyIn("COPY beep.\"" + viewTable + "\" (_jsonb) FROM STDIN WITH (FORMAT text)", new java.io.StringReader(views.toString()));
                copy.copyIn("COPY beep.\"" + searchTable + "\" (_jsonb) FROM STDIN WITH (FORMAT text)", new java.io.StringReader(copies.toString()));
            }
        }
        counters.replaceOne(Filters.eq("_id", channelId), counter(n).append("_id", channelId), new com.mongodb.client.model.ReplaceOptions().upsert(true));
        scopeCounter(serverId, channelId, n);
        long ms = startMs + (n / 2) / 4;
        return (ms << 22) | (1023L << 12) | (salt << 2);
    }

    /** LAYOUT=flat seeds the search keys as written before search buckets (no number in the scope). */
    static final boolean FLAT = "flat".equals(env("LAYOUT", "buckets"));

    /** The scope's counter as the projection leaves it after numbering the channel's n messages (its server's only channel). */
    static void scopeCounter(String serverId, String channelId, int n) {
        if (!FLAT) {
            var scope = MessageViewKeys.scope(serverId, channelId);
            counters.replaceOne(Filters.eq("_id", scope), new Document("_id", scope).append(MessageViewKeys.SEQ, (long) n),
                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
        }
    }

    /** The channel counter as the projection leaves it after writing n messages (fields in MessageViewKeys). */
    static Document counter(int n) {
        return new Document(MessageViewKeys.SEQ, (long) n).append(MessageViewKeys.COMMITTED, (long) n)
                .append(MessageViewKeys.CHANGES, 0L).append(MessageViewKeys.EPOCH, new Random().nextLong() | 1);
    }

    static String table(java.sql.Connection db, String collection) throws Exception {
        try (var st = db.prepareStatement("SELECT _jsonb->>'table' FROM beep._ferretdb_database_metadata WHERE _jsonb->>'_id' = ?")) {
            st.setString(1, collection);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no FerretDB table for " + collection + " (start the projections service once)");
                }
                return rs.getString(1);
            }
        }
    }

    static String stringArraySchema(int size) {
        return "{\"i\": [" + String.join(", ", java.util.Collections.nCopies(size, "{\"t\": \"string\"}")) + "], \"t\": \"array\"}";
    }

    static String stringArray(List<String> values) {
        return values.isEmpty() ? "[]" : "[\"" + String.join("\", \"", values) + "\"]";
    }

    static List<String> words(Random random, int i) {
        var words = new ArrayList<String>();
        for (int w = 0; w < 8; w++) {
            words.add(word(random.nextInt(5000)));
        }
        if (i % 10 == 0) {
            words.add("common");
        }
        if (i % 1000 == 7) {
            words.add("rare");
        }
        return words;
    }

    static long seedMongo(MongoCollection<Document> messages, String serverId, String channelId, int n) throws Exception {
        var pool = Executors.newFixedThreadPool(Integer.parseInt(env("SEED_THREADS", "4")));
        long startMs = fixedStartMs != null ? fixedStartMs : System.currentTimeMillis() - EPOCH - n / 4 - 60_000;
        int batch = 1000;
        var futures = new ArrayList<Future<?>>();
        for (int from = 0; from < n; from += batch) {
            int f = from;
            futures.add(pool.submit(() -> {
                var random = new Random(f);
                var docs = new ArrayList<Document>(batch);
                for (int i = f; i < Math.min(n, f + batch); i++) {
                    long ms = startMs + i / 4;
                    long id = (ms << 22) | (1023L << 12) | (salt << 2) | (i % 4);
                    var words = new ArrayList<String>();
                    for (int w = 0; w < 8; w++) {
                        words.add(word(random.nextInt(5000)));
                    }
                    if (i % 10 == 0) {
                        words.add("common");
                    }
                    if (i % 1000 == 7) {
                        words.add("rare");
                    }
                    var distinct = words.stream().distinct().toList();
                    docs.add(new Document("_id", Long.toString(id)).append("n", id).append("channelId", channelId).append("serverId", serverId)
                            .append("seq", (long) i).append("hp", MessageViewKeys.pageKey(channelId, MessageViewKeys.page(i)))
                            .append("sk", FLAT ? MessageViewKeys.searchKeys(MessageViewKeys.scope(serverId, channelId), distinct)
                                    : MessageViewKeys.searchKeys(MessageViewKeys.scope(serverId, channelId), distinct, i))
                            .append("authorId", "bench-seed").append("content", String.join(" ", words))
                            .append("type", "default").append("nonce", null).append("replyTo", null)
                            .append("createdAt", new Date(EPOCH + ms)).append("editedAt", null).append("pinned", false)
                            .append("attachments", List.of()).append("tokens", distinct)
                            .append("position", 0L));
                }
                if (!FLAT) {
                    docs.forEach(d -> d.append(MessageViewKeys.SCOPE_NUMBER, d.getLong("seq")));
                }
                messages.insertMany(docs.stream().map(d -> {
                    var view = new Document(d);
                    view.remove("sk");
                    view.remove("tokens");
                    view.remove(MessageViewKeys.SCOPE_NUMBER);
                    return view;
                }).toList());
                search.insertMany(docs);
                return null;
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        counters.replaceOne(Filters.eq("_id", channelId), counter(n).append("_id", channelId), new com.mongodb.client.model.ReplaceOptions().upsert(true));
        scopeCounter(serverId, channelId, n);
        long ms = startMs + (n / 2) / 4;
        return (ms << 22) | (1023L << 12) | (salt << 2);
    }

    static String word(int i) {
        var syllables = new String[] {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu"};
        var sb = new StringBuilder();
        do {
            sb.append(syllables[i % 10]);
            i /= 10;
        } while (i > 0);
        return sb.append("x").toString();
    }

    interface Call {
        Object run() throws Exception;
    }

    static void measure(String label, Call call) throws Exception {
        var times = new ArrayList<Long>();
        try {
            call.run();
            long warmUntil = System.currentTimeMillis() + WARMUP_MS;
            for (int i = 1; i < WARMUP && System.currentTimeMillis() < warmUntil; i++) {
                call.run();
            }
            long until = System.currentTimeMillis() + BUDGET_MS;
            while (times.size() < REPS && System.currentTimeMillis() < until) {
                long t0 = System.nanoTime();
                call.run();
                times.add(System.nanoTime() - t0);
            }
        } catch (Exception e) {
            System.out.printf("  %-42s failed after %d requests: %s%n", label, times.size(),
                    e.getMessage().substring(0, Math.min(160, e.getMessage().length())));
            return;
        }
        if (times.isEmpty()) {
            System.out.printf("  %-42s no request finished within the budget%n", label);
            return;
        }
        var sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("  %-42s n=%3d  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms%n", label, sorted.length,
                pct(sorted, 50), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    static Object get(String url, String token) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static String login(String name) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(KC + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=beep-cli&username=" + name
                        + "&password=" + URLEncoder.encode(name + "-pass", StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return json(response.body(), "access_token");
    }

    /** Setup calls are retried on 503 (an overloaded shared machine times SpiceDB out now and then). */
    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            var response = postOnce(url, token, body);
            if (response.statusCode() != 503 || attempt == 5) {
                return response;
            }
            Thread.sleep(1000L * attempt);
        }
    }

    static HttpResponse<String> postOnce(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String id(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return json(response.body(), "id");
    }

    static String json(String body, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

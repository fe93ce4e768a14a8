package io.beep.queryside;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Private corners of the real servers for the query side's integration test: schema
 * {@value #SCHEMA} in {@code beep_views} built from the projections' Flyway DDL, Mongo database
 * {@value #MONGO_DB}, and a datastore of SpiceDB's testing server that only this run's key reaches.
 */
final class ItInfrastructure {

    static final String SCHEMA = "queryside_it";
    static final String MONGO_DB = "beep_queryside_it";

    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432");
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");
    private static final String MONGO = "mongodb://" + String.join(",",
            new ConnectionString(env("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep")).getHosts()) + "/" + MONGO_DB;
    /** SpiceDB's testing server: each bearer token gets its own empty, in-memory datastore. */
    static final String AUTHZ_URL = env("BEEP_SPICEDB_TESTING_URL", "http://127.0.0.1:8444");
    static final String AUTHZ_KEY = "queryside-it-" + UUID.randomUUID();
    private static final Path VIEWS_DDL = Path.of("../projections/src/main/resources/db/views");
    private static final Path AUTHZ_SCHEMA = Path.of("../api-contracts/src/main/resources/authz/schema.zed");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItInfrastructure() {
    }

    /** Rebuilds the private views schema and empties the private Mongo database. */
    static void prepare() throws SQLException, IOException {
        try (var views = views(); var statement = views.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            for (var migration : viewMigrations()) {
                statement.execute(Files.readString(migration));
            }
        }
        try (var mongo = MongoClients.create(MONGO)) {
            mongo.getDatabase(MONGO_DB).drop();
        }
    }

    /** The projections' view migrations in Flyway's order (V1, V1_7, V2_4, V4_1, ...). */
    static java.util.List<Path> viewMigrations() throws IOException {
        try (var files = Files.list(VIEWS_DDL)) {
            return files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparing(ItInfrastructure::version))
                    .toList();
        }
    }

    private static java.math.BigDecimal version(Path migration) {
        var version = migration.getFileName().toString().replaceAll("^V([0-9_]+)__.*$", "$1").split("_");
        var key = new StringBuilder(version[0]).append('.');
        for (int i = 1; i < version.length; i++) {
            key.append(String.format("%04d", Integer.parseInt(version[i])));
        }
        return new java.math.BigDecimal(key.toString());
    }

    static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PG + "/beep_views?currentSchema=" + SCHEMA);
        registry.add("beep.mongo.url", () -> MONGO);
        registry.add("beep.authz.url", () -> AUTHZ_URL);
        registry.add("beep.authz.key", () -> AUTHZ_KEY);
        registry.add("beep.authz.timeout-ms", () -> "10000");
    }

    static Connection views() throws SQLException {
        var connection = DriverManager.getConnection(PG + "/beep_views", USER, PASSWORD);
        try (var statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + SCHEMA);
        }
        return connection;
    }

    /** Stores message documents and their channels' counters (the next {@code seq} of each channel). */
    static void insertMessages(List<Document> documents, Map<Long, ? extends Number> nextSeq) {
        try (var mongo = MongoClients.create(MONGO)) {
            var db = mongo.getDatabase(MONGO_DB);
            db.getCollection("message_search").insertMany(documents);
            db.getCollection("message_view").insertMany(documents.stream().map(d -> {
                var view = new Document(d);
                view.remove("sk");
                view.remove("tokens");
                return view;
            }).toList());
            for (var channel : nextSeq.entrySet()) {
                db.getCollection("message_view_channels").replaceOne(
                        new Document("_id", Long.toString(channel.getKey())),
                        new Document("_id", Long.toString(channel.getKey())).append("seq", channel.getValue().longValue()),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
            }
        }
    }

    /** Writes Beep's authorization schema into this run's own datastore. */
    static void writeAuthzSchema() throws IOException, InterruptedException {
        authz("/v1/schema/write", Map.of("schema", Files.readString(AUTHZ_SCHEMA)));
    }

    /**
     * Writes relationships {@code resource#relation@subject}, each part "type:id", the subject
     * optionally "type:id#relation".
     */
    static void writeRelationships(List<String[]> relationships) throws IOException, InterruptedException {
        var updates = relationships.stream()
                .map(r -> Map.of("operation", "OPERATION_TOUCH", "relationship", relationship(r)))
                .toList();
        authz("/v1/relationships/write", Map.of("updates", updates));
    }

    private static Map<String, Object> relationship(String[] r) {
        var resource = r[0].split(":", 2);
        var subject = r[2].split("[:#]", 3);
        var subjectObject = Map.of("objectType", subject[0], "objectId", subject[1]);
        Map<String, Object> subjectReference = subject.length == 3
                ? Map.of("object", subjectObject, "optionalRelation", subject[2])
                : Map.of("object", subjectObject);
        return Map.of("resource", Map.of("objectType", resource[0], "objectId", resource[1]),
                "relation", r[1], "subject", subjectReference);
    }

    private static void authz(String path, Object body) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(AUTHZ_URL + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + AUTHZ_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SpiceDB " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

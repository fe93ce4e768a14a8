package io.beep.projections;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Private corners of the real servers for integration tests: a schema {@value #SCHEMA} in
 * {@code beep_views} and in {@code beep_events} (with the command side's event tables) and a
 * Mongo database {@value #MONGO_DB}, all emptied before a run. The dev views and event store are
 * never touched, and a running projections service does not compete for the test's tokens.
 */
public final class ItInfrastructure {

    public static final String SCHEMA = "projections_it";
    public static final String MONGO_DB = "beep_projections_it";

    private static final String PG = env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432");
    private static final String USER = env("BEEP_PG_USER", "beep");
    private static final String PASSWORD = env("BEEP_PG_PASSWORD", "beep");
    private static final String MONGO = "mongodb://" + String.join(",",
            new ConnectionString(env("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep")).getHosts()) + "/" + MONGO_DB;
    private static final Path EVENT_STORE_DDL =
            Path.of("../command-side/src/main/resources/db/migration/V1__axon_event_store.sql");

    private static boolean prepared;

    private ItInfrastructure() {
    }

    /** Empties the private schemas and database once per JVM. */
    public static synchronized void prepare() throws SQLException, IOException {
        if (prepared) {
            return;
        }
        try (var views = DriverManager.getConnection(PG + "/beep_views", USER, PASSWORD);
             var statement = views.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        try (var events = DriverManager.getConnection(PG + "/beep_events", USER, PASSWORD);
             var statement = events.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(Files.readString(EVENT_STORE_DDL));
        }
        try (var mongo = MongoClients.create(MONGO)) {
            mongo.getDatabase(MONGO_DB).drop();
        }
        prepared = true;
    }

    /** Points the application at the private schemas and database. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PG + "/beep_views?currentSchema=" + SCHEMA);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("beep.events.datasource.url", () -> PG + "/beep_events?currentSchema=" + SCHEMA);
        // The tests append events themselves; the service never does.
        registry.add("beep.events.datasource.hikari.read-only", () -> "false");
        registry.add("beep.events.datasource.hikari.data-source-properties.readOnlyMode", () -> "transaction");
        registry.add("beep.mongo.url", () -> MONGO);
        registry.add("beep.grpc.port", () -> "0");
    }

    private static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

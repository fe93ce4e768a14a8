package io.beep.projections.platform.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Mongo-wire database of a test's own on the running stack (FerretDB, its PostgreSQL side
 * configured as the projections service has it), dropped by {@link #close}; as a static
 * {@code @RegisterExtension} field, dropped after the test class.
 */
public final class FerretDbTestDatabase implements AutoCloseable, AfterAllCallback {

    private final String name;
    private final MongoClient client;
    private final MongoDatabase database;
    private final MongoProperties properties;

    private FerretDbTestDatabase(String name) {
        var base = System.getenv().getOrDefault("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
        var url = base.substring(0, base.lastIndexOf('/') + 1) + name;
        var pg = System.getenv().getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/ferretdb";
        this.name = name;
        this.client = MongoClients.create(url);
        this.database = client.getDatabase(name);
        this.properties = new MongoProperties(url, pg, System.getenv().getOrDefault("BEEP_PG_USER", "beep"),
                System.getenv().getOrDefault("BEEP_PG_PASSWORD", "beep"));
    }

    /** A new database named {@code prefix} plus a random suffix. */
    public static FerretDbTestDatabase create(String prefix) {
        return new FerretDbTestDatabase(prefix + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The database's name, which is also the PostgreSQL schema FerretDB keeps it in. */
    public String name() {
        return name;
    }

    public MongoDatabase database() {
        return database;
    }

    public MongoProperties properties() {
        return properties;
    }

    /** A connection to FerretDB's PostgreSQL database. */
    public Connection postgres() throws SQLException {
        return DriverManager.getConnection(properties.ferretdbPostgresUrl(), properties.ferretdbPostgresUser(),
                properties.ferretdbPostgresPassword());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }
}

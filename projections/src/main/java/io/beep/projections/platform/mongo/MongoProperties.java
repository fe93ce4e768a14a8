package io.beep.projections.platform.mongo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the message store answers: a MongoDB connection string whose path names the database
 * ({@code mongodb://127.0.0.1:27017/beep}); {@code beep} when it names none. When the store is
 * FerretDB on PostgreSQL, {@code ferretdbPostgresUrl} (JDBC) names its PostgreSQL database so
 * {@link FerretDbIndexes} can add the indexes FerretDB cannot make itself; empty on MongoDB.
 */
@ConfigurationProperties("beep.mongo")
public record MongoProperties(String url, String ferretdbPostgresUrl, String ferretdbPostgresUser,
                              String ferretdbPostgresPassword) {
}

package io.beep.projections.platform.mongo;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Up when the message store answers a ping. */
@Component("mongo")
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoDatabase database;

    MongoHealthIndicator(MongoDatabase database) {
        super("message store unreachable");
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database.getName());
    }
}

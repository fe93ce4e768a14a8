package io.beep.projections.platform.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Mongo client and database, configured only from {@link MongoProperties}. */
@Configuration
public class MongoConfig {

    @Bean(destroyMethod = "close")
    public MongoClient mongoClient(MongoProperties properties) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.url()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(3, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        var name = new ConnectionString(properties.url()).getDatabase();
        return client.getDatabase(name == null || name.isBlank() ? "beep" : name);
    }
}

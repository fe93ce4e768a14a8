package io.beep.queryside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The query side: answers reads from the views the projections keep, after checking permissions
 * and, when asked, after waiting until the views include the caller's last write. Spring Boot's own
 * Mongo client is off: {@code platform.mongo} builds the one client from {@code BEEP_MONGO_URL}.
 */
@SpringBootApplication(exclude = MongoAutoConfiguration.class)
@ConfigurationPropertiesScan
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}

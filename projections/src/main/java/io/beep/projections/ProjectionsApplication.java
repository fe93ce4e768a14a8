package io.beep.projections;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The projections service: tracking event processors that read the event store and keep the
 * read models up to date. Spring Boot's own Mongo client is off: {@code platform.mongo} builds
 * the one client from {@code BEEP_MONGO_URL}.
 */
@SpringBootApplication(exclude = MongoAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ProjectionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionsApplication.class, args);
    }
}

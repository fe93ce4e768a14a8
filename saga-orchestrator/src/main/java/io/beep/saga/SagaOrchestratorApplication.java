package io.beep.saga;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs Beep's sagas: authorization relationships that follow the events, and follow-up commands over gRPC. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SagaOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(SagaOrchestratorApplication.class, args);
    }
}

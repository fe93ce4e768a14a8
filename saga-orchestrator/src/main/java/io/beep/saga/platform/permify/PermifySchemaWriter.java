package io.beep.saga.platform.permify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Writes the Permify schema shipped in api-contracts ({@code permify/schema.perm}) at start,
 * retrying until Permify answers. Writing the same schema again is harmless.
 */
@Component
class PermifySchemaWriter implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PermifySchemaWriter.class);
    static final String SCHEMA = "permify/schema.perm";
    private final PermifyClient permify;

    PermifySchemaWriter(PermifyClient permify) {
        this.permify = permify;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException, InterruptedException {
        var schema = new ClassPathResource(SCHEMA).getContentAsString(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            try {
                var version = permify.writeSchema(schema);
                log.info("Permify schema written, version {}", version);
                return;
            } catch (PermifyClient.PermifyUnavailableException e) {
                if (attempt >= 60) {
                    throw e;
                }
                log.warn("Permify not ready ({}); retrying", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }
}

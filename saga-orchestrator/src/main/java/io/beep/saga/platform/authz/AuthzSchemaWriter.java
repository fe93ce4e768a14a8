package io.beep.saga.platform.authz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Writes the authorization schema shipped in api-contracts ({@code authz/schema.zed}) at start,
 * retrying until SpiceDB answers. Writing the same schema again is harmless.
 */
@Component
class AuthzSchemaWriter implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuthzSchemaWriter.class);
    static final String SCHEMA = "authz/schema.zed";
    private final SpiceDbClient spicedb;

    AuthzSchemaWriter(SpiceDbClient spicedb) {
        this.spicedb = spicedb;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException, InterruptedException {
        var schema = new ClassPathResource(SCHEMA).getContentAsString(StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            try {
                spicedb.writeSchema(schema);
                log.info("authorization schema written");
                return;
            } catch (SpiceDbClient.AuthzUnavailableException e) {
                if (attempt >= 60) {
                    throw e;
                }
                log.warn("authorization server not ready ({}); retrying", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }
}

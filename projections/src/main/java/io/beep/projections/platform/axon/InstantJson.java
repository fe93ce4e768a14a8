package io.beep.projections.platform.axon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Instants in JSON (event payloads above all: {@code joinedAt}, {@code createdAt}, …) in the shape
 * Jackson writes them, {@code 2026-11-28T05:57:01.123456789Z}, are read with
 * {@link AxonTimestamps#parseUtc} instead of a {@code DateTimeFormatter} (a tenth of a rebuild's CPU);
 * everything else goes to Jackson's own {@link InstantDeserializer}, as before.
 */
@Configuration(proxyBeanMethods = false)
public class InstantJson {

    /** The module Spring Boot adds to the application's {@code ObjectMapper}, which Axon's serializers use. */
    @Bean
    Module utcInstants() {
        return new SimpleModule("beep-utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer());
    }

    /** Reads UTC instants itself, hands every other form to Jackson's deserializer. */
    static final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

        UtcInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                var instant = AxonTimestamps.parseUtc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}

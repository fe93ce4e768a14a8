package io.beep.command.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies mean what they say: a number, boolean, array or object where text is expected is
 * a 400, not silently turned into a string; a key given twice in one object is a 400 too (which of
 * the two values was meant is unknowable, and Jackson cannot bind it to a one-field record). Only
 * the HTTP converters get the strict copy of the application's mapper: Axon's event serializer
 * shares that mapper, and every aggregate load reads stored events through it, which neither need
 * nor should pay for the duplicate-key check.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter jackson) {
                converters.set(i, new MappingJackson2HttpMessageConverter(strict(jackson.getObjectMapper())));
            }
        }
    }

    /** A copy of {@code mapper} that refuses scalar coercion to text and duplicate keys. */
    static ObjectMapper strict(ObjectMapper mapper) {
        var strict = mapper.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return strict;
    }
}

package io.beep.projections.admin.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * A replay filter that is a number, read as the export's query parameter carries it: a JSON integer
 * or a string (both validated by {@link EventQuery#parse}); a fraction, boolean, array or object is
 * a 400.
 */
public final class WholeNumberText extends StdScalarDeserializer<String> {

    public WholeNumberText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING) || parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
            return parser.getText();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}

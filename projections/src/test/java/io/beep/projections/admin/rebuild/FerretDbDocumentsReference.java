package io.beep.projections.admin.rebuild;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The readable form of {@link FerretDbDocuments}' encoding, kept as the tests' oracle: the
 * {@code _jsonb} text FerretDB 1.x stores for a document, built with strings.
 * {@code FerretDbDocumentsTest} holds {@link FerretDbDocuments#encodeLine} equal to it byte for byte,
 * and {@code FerretDbTablesIntegrationTest} holds it equal to what FerretDB itself stores.
 */
final class FerretDbDocumentsReference {

    private FerretDbDocumentsReference() {
    }

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    /** The {@code _jsonb} text FerretDB would store for {@code document}; null when not encodable here. */
    static String encode(Document document) {
        if (!document.containsKey("_id")) {
            return null;
        }
        var schema = new StringBuilder(256);
        var values = new StringBuilder(512);
        if (!fields(document, schema, values)) {
            return null;
        }
        var out = new StringBuilder(schema.length() + values.length() + 16);
        out.append("{\"$s\": ").append(schema);
        if (!values.isEmpty()) {
            out.append(", ").append(values);
        }
        return out.append('}').toString();
    }

    /**
     * Writes the schema {@code {"p": {...}, "$k": [...]}} of {@code document} and its fields
     * ({@code "name": value, ...}, without braces); {@code _id} first, at every level, as the
     * driver sends it and FerretDB stores it.
     */
    private static boolean fields(Map<?, ?> document, StringBuilder schema, StringBuilder values) {
        var types = new StringBuilder(128);
        var order = new StringBuilder(64);
        boolean first = true;
        if (document.containsKey("_id")) {
            if (!field("_id", document.get("_id"), types, order, values, true)) {
                return false;
            }
            first = false;
        }
        for (var entry : document.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                return false;
            }
            if (name.equals("_id")) {
                continue;
            }
            if (!field(name, entry.getValue(), types, order, values, first)) {
                return false;
            }
            first = false;
        }
        schema.append("{\"p\": {").append(types).append("}, \"$k\": [").append(order).append("]}");
        return true;
    }

    private static boolean field(String name, Object value, StringBuilder types, StringBuilder order,
                                 StringBuilder values, boolean first) {
        if (name.isEmpty() || name.startsWith("$") || name.contains(".")) {
            return false;
        }
        var quoted = quoted(name);
        if (quoted == null) {
            return false;
        }
        if (!first) {
            types.append(", ");
            order.append(", ");
            values.append(", ");
        }
        order.append(quoted);
        types.append(quoted).append(": ");
        values.append(quoted).append(": ");
        return value(value, types, values, false);
    }

    /** Writes the value's schema (its type) and the value itself. */
    private static boolean value(Object value, StringBuilder type, StringBuilder out, boolean inArray) {
        if (value == null) {
            type.append("{\"t\": \"null\"}");
            out.append("null");
        } else if (value instanceof String text) {
            type.append("{\"t\": \"string\"}");
            return string(text, out);
        } else if (value instanceof Boolean bool) {
            type.append("{\"t\": \"bool\"}");
            out.append(bool.booleanValue());
        } else if (value instanceof Integer number) {
            type.append("{\"t\": \"int\"}");
            out.append(number.intValue());
        } else if (value instanceof Long number) {
            type.append("{\"t\": \"long\"}");
            out.append(number.longValue());
        } else if (value instanceof Date date) {
            type.append("{\"t\": \"date\"}");
            out.append(date.getTime());
        } else if (value instanceof List<?> list && !inArray) {
            type.append("{\"i\": [");
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    type.append(", ");
                    out.append(", ");
                }
                if (!value(list.get(i), type, out, true)) {
                    return false;
                }
            }
            type.append("], \"t\": \"array\"}");
            out.append(']');
        } else if (value instanceof Map<?, ?> embedded && !embedded.isEmpty()) {
            type.append("{\"t\": \"object\", \"$s\": ");
            out.append('{');
            if (!fields(embedded, type, out)) {
                return false;
            }
            type.append('}');
            out.append('}');
        } else {
            // doubles, object ids, binary, empty embedded documents, arrays in arrays (FerretDB 1.x
            // refuses those), ...: left to FerretDB
            return false;
        }
        return true;
    }

    /** A field name as a JSON string (kept for the few names the views use); null if jsonb cannot hold it. */
    private static String quoted(String name) {
        var known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        var out = new StringBuilder(name.length() + 2);
        if (!string(name, out)) {
            return null;
        }
        var quoted = out.toString();
        if (NAMES.size() < 10_000) {
            NAMES.put(name, quoted);
        }
        return quoted;
    }

    /** Whether the text needs no escaping (no quote, backslash, control character or surrogate). */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON string; false for text jsonb cannot hold (NUL, a lone surrogate). */
    private static boolean string(String text, StringBuilder out) {
        out.append('"');
        if (plain(text)) {
            out.append(text).append('"');
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c == 0) {
                        return false;
                    }
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                            return false;
                        }
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        return false;
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return true;
    }

    /**
     * The text as a line of COPY's text format: backslash, newline, carriage return and tab escaped
     * (the encoded documents hold only the first: JSON escapes the others).
     */
    static String copyLine(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
            return text;
        }
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package io.beep.projections.admin.rebuild;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * A document in the encoding FerretDB 1.x keeps in its PostgreSQL tables (column {@code _jsonb}):
 * the document's fields as JSON plus {@code $s}, its schema — per field its type ({@code p}) and the
 * field order ({@code $k}); an array's schema lists its items' types ({@code i}), an embedded
 * document's schema is nested the same way. Only the value types the projections store are
 * encoded (string, null, boolean, 32- and 64-bit integers, date, array, embedded document); any
 * other value, a document without {@code _id}, a field name FerretDB would refuse or a string
 * PostgreSQL's jsonb cannot hold makes {@link #encode} answer null, and the caller inserts that
 * document through FerretDB instead.
 *
 * <p>{@link #encodeLine} writes the same text straight as a line of {@code COPY}'s text format in
 * UTF-8 into a reused byte buffer (what a rebuild sends; no intermediate strings: a rebuild encodes
 * two documents per message); {@link #encode} is the readable form, and the two are kept equal
 * byte for byte ({@code FerretDbDocumentsTest}).
 */
final class FerretDbDocuments {

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private FerretDbDocuments() {
    }

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

    private static final Map<String, byte[]> LINE_NAMES = new ConcurrentHashMap<>();
    private static final byte[] NULL_TYPE = ascii("{\"t\": \"null\"}");
    private static final byte[] STRING_TYPE = ascii("{\"t\": \"string\"}");
    private static final byte[] BOOL_TYPE = ascii("{\"t\": \"bool\"}");
    private static final byte[] INT_TYPE = ascii("{\"t\": \"int\"}");
    private static final byte[] LONG_TYPE = ascii("{\"t\": \"long\"}");
    private static final byte[] DATE_TYPE = ascii("{\"t\": \"date\"}");
    private static final byte[] HEX = ascii("0123456789abcdef");

    /**
     * Appends the {@code _jsonb} text of {@code document} ({@link #encode}'s) as one line of
     * {@code COPY}'s text format, without the newline, in UTF-8; false (and nothing appended) when
     * {@link #encode} would answer null.
     */
    static boolean encodeLine(Document document, Line out) {
        if (!document.containsKey("_id")) {
            return false;
        }
        int mark = out.size;
        out.ascii("{\"$s\": ");
        if (!schemaLine(document, out)) {
            out.size = mark;
            return false;
        }
        out.ascii(", ");
        if (!valuesLine(document, out)) {
            out.size = mark;
            return false;
        }
        out.add('}');
        return true;
    }

    /** {@code {"p": {name: type, ...}, "$k": [name, ...]}}, {@code _id} first. */
    private static boolean schemaLine(Map<?, ?> document, Line out) {
        out.ascii("{\"p\": {");
        boolean first = true;
        if (document.containsKey("_id")) {
            if (!typeLine("_id", document.get("_id"), out, true)) {
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
            if (!typeLine(name, entry.getValue(), out, first)) {
                return false;
            }
            first = false;
        }
        out.ascii("}, \"$k\": [");
        first = true;
        if (document.containsKey("_id")) {
            out.add(nameLine("_id"));
            first = false;
        }
        for (var key : document.keySet()) {
            if (key.equals("_id")) {
                continue;
            }
            if (!first) {
                out.ascii(", ");
            }
            out.add(nameLine((String) key));
            first = false;
        }
        out.ascii("]}");
        return true;
    }

    private static boolean typeLine(String name, Object value, Line out, boolean first) {
        var quoted = nameLine(name);
        if (quoted == null) {
            return false;
        }
        if (!first) {
            out.ascii(", ");
        }
        out.add(quoted);
        out.ascii(": ");
        return typeLine(value, out, false);
    }

    /** The value's type in the schema ({@link #value}'s first half). */
    private static boolean typeLine(Object value, Line out, boolean inArray) {
        if (value == null) {
            out.add(NULL_TYPE);
        } else if (value instanceof String) {
            out.add(STRING_TYPE);
        } else if (value instanceof Boolean) {
            out.add(BOOL_TYPE);
        } else if (value instanceof Integer) {
            out.add(INT_TYPE);
        } else if (value instanceof Long) {
            out.add(LONG_TYPE);
        } else if (value instanceof Date) {
            out.add(DATE_TYPE);
        } else if (value instanceof List<?> list && !inArray) {
            out.ascii("{\"i\": [");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.ascii(", ");
                }
                if (!typeLine(list.get(i), out, true)) {
                    return false;
                }
            }
            out.ascii("], \"t\": \"array\"}");
        } else if (value instanceof Map<?, ?> embedded && !embedded.isEmpty()) {
            out.ascii("{\"t\": \"object\", \"$s\": ");
            if (!schemaLine(embedded, out)) {
                return false;
            }
            out.add('}');
        } else {
            return false;
        }
        return true;
    }

    /** {@code "name": value, ...}, {@code _id} first (the schema has checked names and types). */
    private static boolean valuesLine(Map<?, ?> document, Line out) {
        boolean first = true;
        if (document.containsKey("_id")) {
            out.add(nameLine("_id"));
            out.ascii(": ");
            if (!valueLine(document.get("_id"), out)) {
                return false;
            }
            first = false;
        }
        for (var entry : document.entrySet()) {
            var name = (String) entry.getKey();
            if (name.equals("_id")) {
                continue;
            }
            if (!first) {
                out.ascii(", ");
            }
            out.add(nameLine(name));
            out.ascii(": ");
            if (!valueLine(entry.getValue(), out)) {
                return false;
            }
            first = false;
        }
        return true;
    }

    private static boolean valueLine(Object value, Line out) {
        if (value == null) {
            out.ascii("null");
        } else if (value instanceof String text) {
            return stringLine(text, out);
        } else if (value instanceof Boolean bool) {
            out.ascii(bool ? "true" : "false");
        } else if (value instanceof Integer number) {
            out.decimal(number);
        } else if (value instanceof Long number) {
            out.decimal(number);
        } else if (value instanceof Date date) {
            out.decimal(date.getTime());
        } else if (value instanceof List<?> list) {
            out.add('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.ascii(", ");
                }
                if (!valueLine(list.get(i), out)) {
                    return false;
                }
            }
            out.add(']');
        } else if (value instanceof Map<?, ?> embedded) {
            out.add('{');
            if (!valuesLine(embedded, out)) {
                return false;
            }
            out.add('}');
        } else {
            return false;
        }
        return true;
    }

    /** A field name as {@link #stringLine} writes it (kept for the few names the views use); null if refused. */
    private static byte[] nameLine(String name) {
        var known = LINE_NAMES.get(name);
        if (known != null) {
            return known;
        }
        if (name.isEmpty() || name.startsWith("$") || name.contains(".")) {
            return null;
        }
        var line = new Line(name.length() + 8);
        if (!stringLine(name, line)) {
            return null;
        }
        var bytes = Arrays.copyOf(line.bytes, line.size);
        if (LINE_NAMES.size() < 10_000) {
            LINE_NAMES.put(name, bytes);
        }
        return bytes;
    }

    /**
     * A JSON string ({@link #string}'s) with COPY's escaping on top (every backslash doubled; JSON
     * leaves no raw newline, carriage return or tab), in UTF-8; false for text jsonb cannot hold.
     */
    private static boolean stringLine(String text, Line out) {
        int length = text.length();
        out.ensure(length * 3 + 2);
        var bytes = out.bytes;
        int at = out.size;
        bytes[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                bytes[at++] = (byte) c;
                continue;
            }
            out.size = at;
            switch (c) {
                case '"' -> out.ascii("\\\\\"");
                case '\\' -> out.ascii("\\\\\\\\");
                case '\n' -> out.ascii("\\\\n");
                case '\r' -> out.ascii("\\\\r");
                case '\t' -> out.ascii("\\\\t");
                case '\b' -> out.ascii("\\\\b");
                case '\f' -> out.ascii("\\\\f");
                default -> {
                    if (c == 0) {
                        return false;
                    }
                    if (c < 0x20) {
                        out.ascii("\\\\u00");
                        out.add(HEX[c >> 4]);
                        out.add(HEX[c & 0xf]);
                    } else if (c < 0x800) {
                        out.add(0xc0 | (c >> 6));
                        out.add(0x80 | (c & 0x3f));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                            return false;
                        }
                        int point = Character.toCodePoint(c, text.charAt(++i));
                        out.add(0xf0 | (point >> 18));
                        out.add(0x80 | ((point >> 12) & 0x3f));
                        out.add(0x80 | ((point >> 6) & 0x3f));
                        out.add(0x80 | (point & 0x3f));
                    } else if (Character.isLowSurrogate(c)) {
                        return false;
                    } else {
                        out.add(0xe0 | (c >> 12));
                        out.add(0x80 | ((c >> 6) & 0x3f));
                        out.add(0x80 | (c & 0x3f));
                    }
                }
            }
            // room for the rest, as at the start
            out.ensure((length - i) * 3 + 2);
            bytes = out.bytes;
            at = out.size;
        }
        bytes[at++] = '"';
        out.size = at;
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable byte buffer of COPY lines. */
    static final class Line {

        private byte[] bytes;
        private int size;

        Line(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        /** The bytes written so far ({@link #size} of them; the array is the buffer itself). */
        byte[] bytes() {
            return bytes;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void add(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void add(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, size, more.length);
            size += more.length;
        }

        void ascii(String text) {
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[size++] = (byte) text.charAt(i);
            }
        }

        void decimal(long value) {
            ascii(Long.toString(value));
        }
    }
}

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
 * PostgreSQL's jsonb cannot hold makes {@link #encodeLine} answer false, and the caller inserts that
 * document through FerretDB instead.
 *
 * <p>{@link #encodeLine} writes the text straight as a line of {@code COPY}'s text format in UTF-8
 * into a reused byte buffer (no intermediate strings: a rebuild encodes two documents per message).
 * The readable form of the same encoding lives in the tests ({@code FerretDbDocumentsReference}),
 * which keep the two equal byte for byte ({@code FerretDbDocumentsTest}).
 */
final class FerretDbDocuments {

    private FerretDbDocuments() {
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
     * Appends the {@code _jsonb} text of {@code document} (the reference encoding's) as one line of
     * {@code COPY}'s text format, without the newline, in UTF-8; false (and nothing appended) when
     * the document cannot be encoded here.
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

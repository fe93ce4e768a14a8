package io.beep.projections.admin.events;

import io.beep.contracts.stream.EventEnvelopeV1;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link StoredEvent} as one {@code beep.event.v1} envelope (the shape of
 * {@link EventEnvelopeV1}, the Kafka stream's records) by hand: the payload bytes are copied as
 * stored, never parsed and re-serialised.
 */
public final class Envelopes {

    private static final byte[] SCHEMA = ("{\"schema\":\"" + EventEnvelopeV1.SCHEMA + "\",\"eventId\":")
            .getBytes(StandardCharsets.UTF_8);

    private Envelopes() {
    }

    /** The envelope as JSON, without a line end. */
    public static void write(StoredEvent event, OutputStream out) throws IOException {
        out.write(SCHEMA);
        string(event.eventId(), out);
        ascii(",\"type\":", out);
        string(event.type(), out);
        ascii(",\"revision\":", out);
        string(event.revision(), out);
        ascii(",\"aggregateType\":", out);
        string(event.aggregateType(), out);
        ascii(",\"aggregateId\":", out);
        string(event.aggregateId(), out);
        ascii(",\"sequence\":" + event.sequence() + ",\"position\":" + event.position() + ",\"timestamp\":", out);
        string(event.timestamp(), out);
        ascii(",\"payload\":", out);
        out.write(event.payload());
        out.write('}');
    }

    /** The envelope as a JSON string. */
    public static String toJson(StoredEvent event) {
        var out = new java.io.ByteArrayOutputStream(event.payload().length + 320);
        try {
            write(event, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void ascii(String text, OutputStream out) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            out.write(text.charAt(i));
        }
    }

    private static void string(String value, OutputStream out) throws IOException {
        if (value == null) {
            ascii("null", out);
            return;
        }
        var escaped = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        out.write(escaped.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }
}

package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.EventRevision;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The written schema of the event stream, {@code docs/events.md}, is rendered from the event
 * records themselves (every type, its current revision and its fields), so it cannot drift: when
 * an event type or field changes, this test fails until the document is rendered again with
 * {@code mvn -pl projections test -Dtest=EventCatalogTest -Dbeep.docs.write=true}.
 */
class EventCatalogTest {

    private static final Path DOC = Path.of("..", "docs", "events.md");

    @Test
    void theWrittenEventSchemaListsEveryEventTypeWithItsRevisionAndFields() throws IOException {
        var rendered = render();
        if (Boolean.getBoolean("beep.docs.write")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as(DOC + " exists").isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/events.md is out of date: render it again with -Dbeep.docs.write=true")
                .isEqualTo(rendered);
    }

    static String render() {
        var out = new StringBuilder();
        out.append("""
                # Event stream `beep.events.v1` — schema

                Rendered from the event records of `api-contracts` by `EventCatalogTest` (projections);
                the test fails when this file and the records disagree. Every event in the event store
                is published after commit on Kafka topic `beep.events.v1`, keyed by aggregate id, as one
                JSON envelope (`io.beep.contracts.stream.EventEnvelopeV1`); `GET /api/v1/admin/events`
                streams the same envelopes as NDJSON, and `POST /api/v1/admin/events/replay` republishes
                them into another topic.

                | envelope field | JSON type | meaning |
                | --- | --- | --- |
                | `schema` | string | always `beep.event.v1` |
                | `eventId` | string | unique id of the event: consumers de-duplicate on it (delivery is at least once) |
                | `type` | string | simple name of the event type (the headings below) |
                | `revision` | string | revision of `payload`'s shape; the admin export upcasts to the newest |
                | `aggregateType` | string | e.g. `Message`, `Server`, `Channel` |
                | `aggregateId` | string | the record key; the events of one aggregate keep their order |
                | `sequence` | number | the event's number within its aggregate, from 0 |
                | `position` | number | the event's position in the global event store (`Beep-Consistency-Token`) |
                | `timestamp` | string | ISO-8601 instant the event was stored |
                | `payload` | object | the event, fields below |

                Compatibility rules: an event type is never changed in place. A field may be added with a
                new revision (consumers must ignore unknown fields); a rename or removal is a new revision
                with an upcaster from the previous one, and a stored sample of every revision lives in
                `projections/src/test/resources/events/<type>/<revision>.json`. Ids are strings
                (snowflakes for servers, channels, roles, messages; UUIDs for users); instants are
                ISO-8601 strings; sets are arrays in no particular order.
                """);
        var byPackage = new TreeMap<String, Map<String, Class<?>>>();
        for (var type : EventSamplesTest.eventTypes()) {
            byPackage.computeIfAbsent(type.getPackageName().replace("io.beep.contracts.", ""), p -> new TreeMap<>())
                    .put(type.getSimpleName(), type);
        }
        byPackage.forEach((feature, types) -> {
            out.append("\n## ").append(feature).append("\n\n");
            out.append("| type | revision | payload fields |\n| --- | --- | --- |\n");
            types.forEach((name, type) -> out.append("| `").append(name).append("` | ")
                    .append(type.getAnnotation(EventRevision.class).value()).append(" | ")
                    .append(fields(type, new LinkedHashSet<>())).append(" |\n"));
        });
        return out.toString();
    }

    private static String fields(Class<?> type, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return "";
        }
        return Arrays.stream(type.getRecordComponents())
                .map(c -> "`" + c.getName() + "`: " + jsonType(c.getGenericType(), seen))
                .collect(Collectors.joining(", "));
    }

    private static String jsonType(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return "array of " + jsonType(p.getActualTypeArguments()[0], seen);
        }
        if (!(type instanceof Class<?> c)) {
            return "object";
        }
        if (c == String.class || c == java.time.Instant.class || c == java.util.UUID.class) {
            return c == java.time.Instant.class ? "string (instant)" : "string";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c.isPrimitive() || Number.class.isAssignableFrom(c)) {
            return "number";
        }
        if (c.isEnum()) {
            return "string (" + Arrays.stream(c.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(" \\| ")) + ")";
        }
        if (c.isRecord() && c.getRecordComponents().length == 1 && c.getSimpleName().endsWith("Id")) {
            return "string (" + c.getSimpleName() + ")";
        }
        if (c.isRecord()) {
            return "object {" + fields(c, new LinkedHashSet<>(seen)) + "}";
        }
        return "object";
    }
}

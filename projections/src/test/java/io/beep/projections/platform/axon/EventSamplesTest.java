package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import io.beep.contracts.common.EventRevision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Schema evolution: every event type of {@code api-contracts} has a stored sample of every one of
 * its revisions under {@code src/test/resources/events/<type>/<revision>.json}, and each sample
 * reads back through {@link EventUpcasters#chain()} into the current type. A new event type or a
 * new revision without a sample fails here; so does a changed record that can no longer read
 * what was stored.
 */
class EventSamplesTest {

    private static final ObjectMapper MAPPER = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(MAPPER)
            .revisionResolver(new BeepRevisionResolver())
            .build();

    @Test
    void everyRevisionOfEveryEventTypeHasAStoredSample() {
        var missing = new ArrayList<String>();
        for (var type : eventTypes()) {
            for (int revision = 1; revision <= currentRevision(type); revision++) {
                if (sample(type, String.valueOf(revision)) == null) {
                    missing.add("events/" + type.getName() + "/" + revision + ".json");
                }
            }
        }
        assertThat(missing).as("stored samples missing from projections/src/test/resources").isEmpty();
        assertThat(eventTypes()).extracting(Class::getSimpleName)
                .contains("ServerCreatedEvent", "ChannelCreatedEvent", "MessageSentEvent");
    }

    @TestFactory
    Stream<DynamicTest> everySampleReadsBackAsTheCurrentType() {
        var tests = new ArrayList<DynamicTest>();
        for (var type : eventTypes()) {
            int current = currentRevision(type);
            for (int revision = 1; revision <= current; revision++) {
                var stored = sample(type, String.valueOf(revision));
                if (stored == null) {
                    continue;
                }
                var label = type.getSimpleName() + " revision " + revision;
                int storedRevision = revision;
                tests.add(DynamicTest.dynamicTest(label, () -> readBack(type, storedRevision, current, stored)));
            }
        }
        return tests.stream();
    }

    private static void readBack(Class<?> type, int storedRevision, int current, byte[] stored) throws IOException {
        var entry = new GenericDomainEventEntry<>("Sample", "1", 0, "sample-" + type.getSimpleName(), "2026-01-01T00:00:00Z",
                type.getName(), String.valueOf(storedRevision), stored, "{}".getBytes(StandardCharsets.UTF_8));
        var upcast = EventUpcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))
                .toList();
        assertThat(upcast).as("one event after upcasting").hasSize(1);
        var representation = upcast.get(0);
        assertThat(representation.getType().getName()).isEqualTo(type.getName());
        assertThat(representation.getType().getRevision()).isEqualTo(String.valueOf(current));
        Object event = SERIALIZER.deserialize(representation.getData());
        assertThat(event).isInstanceOf(type);
        if (storedRevision == current) {
            // Nothing lost or renamed: the current type writes back exactly what was stored.
            JsonNode written = MAPPER.readTree(SERIALIZER.serialize(event, byte[].class).getData());
            assertThat(normalised(written)).isEqualTo(normalised(MAPPER.readTree(stored)));
        }
    }

    /** Arrays in element order, as events hold sets whose order is not kept. */
    private static JsonNode normalised(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var copy = MAPPER.createObjectNode();
            object.fields().forEachRemaining(field -> copy.set(field.getKey(), normalised(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            var elements = new ArrayList<JsonNode>();
            array.forEach(element -> elements.add(normalised(element)));
            elements.sort(Comparator.comparing(JsonNode::toString));
            return MAPPER.createArrayNode().addAll(elements);
        }
        return node;
    }

    static List<Class<?>> eventTypes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventRevision.class));
        var types = new TreeMap<String, Class<?>>();
        for (var candidate : scanner.findCandidateComponents("io.beep.contracts")) {
            try {
                types.put(candidate.getBeanClassName(), Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                fail("cannot load " + candidate.getBeanClassName(), e);
            }
        }
        return List.copyOf(types.values());
    }

    private static int currentRevision(Class<?> type) {
        var revision = type.getAnnotation(EventRevision.class).value();
        try {
            int value = Integer.parseInt(revision);
            assertThat(value).as(type.getName() + " revision").isPositive();
            return value;
        } catch (NumberFormatException e) {
            throw new AssertionError(type.getName() + " has revision '" + revision + "'; revisions are 1, 2, 3, ...");
        }
    }

    private static byte[] sample(Class<?> type, String revision) {
        try (InputStream in = EventSamplesTest.class.getResourceAsStream(
                "/events/" + type.getName() + "/" + revision + ".json")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

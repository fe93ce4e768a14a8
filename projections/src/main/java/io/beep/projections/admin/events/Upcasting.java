package io.beep.projections.admin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.EventRevision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Brings stored events to the newest revision through the service's Axon upcaster chain. An event
 * stored at its type's current revision (or of a type this service does not know) is passed on
 * as stored, without parsing; only older revisions go through the chain.
 */
@Component
public class Upcasting {

    private final Configuration axon;
    private final Serializer serializer;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> currentRevisions = new ConcurrentHashMap<>();

    public Upcasting(Configuration axon, @Qualifier("eventSerializer") Serializer serializer) {
        this.axon = axon;
        this.serializer = serializer;
    }

    /** Whether an event of this type stored at this revision is already in its newest form. */
    public boolean isCurrent(String payloadType, String revision) {
        var current = currentRevisions.computeIfAbsent(payloadType, Upcasting::revisionOf);
        return current.equals("?") || Objects.equals(current, revision == null ? "" : revision);
    }

    /** The newest forms of a stored event: usually one, none when an upcaster drops it. */
    public List<StoredEvent> upcast(StoredEvent stored, byte[] metaData) {
        if (isCurrent(stored.payloadType(), stored.revision())) {
            return List.of(stored);
        }
        var entry = new GenericDomainEventEntry<>(stored.aggregateType(), stored.aggregateId(), stored.sequence(),
                stored.eventId(), stored.timestamp(), stored.payloadType(), stored.revision(), stored.payload(),
                metaData == null ? "{}".getBytes() : metaData);
        return axon.upcasterChain().upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .map(representation -> {
                    var type = representation.getType();
                    try {
                        var data = representation.getData(JsonNode.class).getData();
                        return new StoredEvent(stored.position(), stored.eventId(), stored.aggregateType(),
                                stored.aggregateId(), stored.sequence(), stored.timestamp(), type.getName(),
                                type.getRevision(), mapper.writeValueAsBytes(data));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    /** The {@link EventRevision} of a type, "" when it has none, "?" when the type is unknown here. */
    private static String revisionOf(String payloadType) {
        try {
            var type = Class.forName(payloadType, false, Upcasting.class.getClassLoader());
            var revision = type.getAnnotation(EventRevision.class);
            return revision == null ? "" : revision.value();
        } catch (ClassNotFoundException | LinkageError e) {
            return "?";
        }
    }
}

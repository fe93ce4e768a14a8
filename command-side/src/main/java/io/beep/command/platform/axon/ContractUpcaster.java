package io.beep.command.platform.axon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.EventUpcast;
import io.beep.contracts.common.EventUpcasts;
import java.util.LinkedHashMap;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * One schema evolution step of api-contracts ({@link EventUpcast}) as an Axon upcaster: the stored JSON
 * object goes to the step as a map of plain values and comes back at the next revision.
 */
public final class ContractUpcaster extends SingleEventUpcaster {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final EventUpcast upcast;

    public ContractUpcaster(EventUpcast upcast) {
        this.upcast = upcast;
    }

    /** Every step of {@link EventUpcasts#ALL}, oldest first. */
    public static List<ContractUpcaster> all() {
        return EventUpcasts.ALL.stream().map(ContractUpcaster::new).toList();
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return upcast.appliesTo(representation.getType().getName(), representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(upcast.payloadType(), upcast.toRevision()),
                JsonNode.class, node -> MAPPER.valueToTree(upcast.step().apply(MAPPER.convertValue(node, OBJECT))));
    }
}

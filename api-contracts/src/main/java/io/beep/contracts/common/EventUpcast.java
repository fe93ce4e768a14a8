package io.beep.contracts.common;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One step of schema evolution: turns the stored JSON object of {@code payloadType} at
 * {@code fromRevision} into its form at {@code toRevision}. The JSON object is handed over as a mutable
 * map of plain values (strings, numbers, booleans, null, lists, maps), so the step is written once here
 * and every service that reads events applies it through its own Axon upcaster adapter.
 *
 * @param payloadType  fully qualified name of the event type
 * @param fromRevision the stored revision this step reads
 * @param toRevision   the revision it produces (the next one)
 * @param step         rewrites the payload in place and returns it
 */
public record EventUpcast(String payloadType, String fromRevision, String toRevision,
                          UnaryOperator<Map<String, Object>> step) {

    public EventUpcast {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(fromRevision, "fromRevision");
        Objects.requireNonNull(toRevision, "toRevision");
        Objects.requireNonNull(step, "step");
    }

    /** Whether this step applies to a stored event of this type and revision. */
    public boolean appliesTo(String storedType, String storedRevision) {
        return payloadType.equals(storedType) && fromRevision.equals(storedRevision);
    }
}

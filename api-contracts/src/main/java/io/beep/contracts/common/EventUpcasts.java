package io.beep.contracts.common;

import io.beep.contracts.server.RoleDeletedEvent;
import java.util.List;

/**
 * Every schema evolution step of the event stream, oldest first; the one list that command-side,
 * projections and saga-orchestrator register as Axon upcasters (their {@code platform.axon} adapters).
 * A new revision of an event type adds its step here and a stored sample of the old form under
 * {@code projections/src/test/resources/events/<type>/<revision>.json}.
 */
public final class EventUpcasts {

    /**
     * {@link RoleDeletedEvent} 1 → 2: revision 2 carries the role's name; events stored before it did
     * not know it, so they read back with {@code name} null.
     */
    public static final EventUpcast ROLE_DELETED_NAME = new EventUpcast(RoleDeletedEvent.class.getName(), "1", "2",
            payload -> {
                payload.putIfAbsent("name", null);
                return payload;
            });

    /** Oldest first; a chain applies each step whose type and revision match, one after the other. */
    public static final List<EventUpcast> ALL = List.of(ROLE_DELETED_NAME);

    private EventUpcasts() {
    }
}

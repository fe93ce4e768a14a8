package io.beep.saga.platform.axon;

import io.beep.contracts.common.EventRevision;
import org.axonframework.serialization.RevisionResolver;

/** Reads an event's revision from {@link EventRevision}; types without one have none. */
public class BeepRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        var revision = payloadType.getAnnotation(EventRevision.class);
        return revision == null ? null : revision.value();
    }
}

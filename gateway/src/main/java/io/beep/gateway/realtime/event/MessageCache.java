package io.beep.gateway.realtime.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The newest messages this instance saw created, as clients see them, so that an edit or a pin can
 * be dispatched as the whole message. Older messages are dispatched with the changed fields only.
 */
final class MessageCache {

    private final Cache<String, ObjectNode> messages = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofHours(1))
            .build();

    void put(ObjectNode message) {
        messages.put(message.path("id").asText(), message);
    }

    /** A copy of the cached message, or null. */
    ObjectNode copy(String messageId) {
        var message = messages.getIfPresent(messageId);
        return message == null ? null : message.deepCopy();
    }

    void remove(String messageId) {
        messages.invalidate(messageId);
    }
}

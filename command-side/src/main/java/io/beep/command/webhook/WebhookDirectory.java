package io.beep.command.webhook;

import io.beep.contracts.webhook.WebhookCreatedEvent;
import io.beep.contracts.webhook.WebhookDeletedEvent;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** A webhook's current state, read from its own events in the event store; empty if unknown or deleted. */
@Component
class WebhookDirectory {

    private final EventStore events;

    WebhookDirectory(EventStore events) {
        this.events = events;
    }

    Optional<WebhookCreatedEvent> live(String webhookId) {
        WebhookCreatedEvent created = null;
        var stream = events.readEvents(webhookId);
        while (stream.hasNext()) {
            var payload = stream.next().getPayload();
            if (payload instanceof WebhookCreatedEvent e) {
                created = e;
            } else if (payload instanceof WebhookDeletedEvent) {
                return Optional.empty();
            } else if (created == null) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(created);
    }
}

package io.beep.command.account;

import io.beep.contracts.account.ProfileUpdatedEvent;
import io.beep.contracts.common.UserId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The current avatar key of an account: the one of its latest {@code ProfileUpdatedEvent} (Keycloak
 * keeps no avatar; Beep owns it, in the account's own event stream).
 */
@Component
class AvatarHistory {

    private final EventStore events;

    AvatarHistory(EventStore events) {
        this.events = events;
    }

    String currentKey(UserId user) {
        String key = null;
        var stream = events.readEvents(user.value());
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof ProfileUpdatedEvent updated) {
                key = updated.avatarKey();
            }
        }
        return key;
    }
}

package io.beep.command.privatechannel;

import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.common.UserId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether two users are friends, read from their Friendship aggregate's events: once accepted, the
 * only event that can follow is the removal, so they are friends exactly when the newest event of
 * the pair is an acceptance.
 */
@Component
class Friends {

    private final EventStore events;

    Friends(EventStore events) {
        this.events = events;
    }

    boolean areFriends(UserId a, UserId b) {
        if (a.equals(b)) {
            return false;
        }
        var stream = events.readEvents(FriendshipId.of(a, b).value());
        EventMessage<?> last = null;
        while (stream.hasNext()) {
            last = stream.next();
        }
        return last != null && last.getPayload() instanceof FriendRequestAcceptedEvent;
    }
}

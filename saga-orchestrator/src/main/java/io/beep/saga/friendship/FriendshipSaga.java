package io.beep.saga.friendship;

import static org.axonframework.modelling.saga.SagaLifecycle.associateWith;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.privatechannel.CreateDmChannelCommand;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.axon.CommandOutcomes;
import java.util.ArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * One per pair of users who became friends. The first acceptance creates their DM channel with the
 * id the acceptance carries ({@code ALREADY_EXISTS} on a retried step counts as done, so there is
 * exactly one); the channel's creation writes both users as recipients, and as senders while they
 * are friends. Removing the friend deletes the senders (history stays readable, nobody can post);
 * becoming friends again writes them back. Events reach the saga in store order, so a removal that
 * overtakes the channel's creation is still respected.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class FriendshipSaga {

    /** Association key of the friendship events. */
    static final String FRIENDSHIP_ID = "friendshipId";
    /** Association key of the DM channel's creation. */
    static final String CHANNEL_ID = "channelId";

    private String userA;
    private String userB;
    private String dmChannelId;
    private boolean friends;
    private boolean dmCreated;

    @StartSaga
    @SagaEventHandler(associationProperty = FRIENDSHIP_ID)
    void on(FriendRequestAcceptedEvent event, PermissionTuples tuples, CommandGateway commands) {
        friends = true;
        userA = event.fromUserId().value();
        userB = event.toUserId().value();
        if (dmChannelId == null) {
            dmChannelId = event.dmChannelId().value();
            associateWith(CHANNEL_ID, dmChannelId);
        }
        if (dmCreated) {
            tuples.write(DmTuples.senders(dmChannelId, userA, userB));
            return;
        }
        CommandOutcomes.acceptExisting(() -> commands.sendAndWait(
                new CreateDmChannelCommand(event.dmChannelId(), event.fromUserId(), event.toUserId())));
    }

    @SagaEventHandler(associationProperty = CHANNEL_ID)
    void on(DmChannelCreatedEvent event, PermissionTuples tuples) {
        dmCreated = true;
        var channel = event.channelId().value();
        var all = new ArrayList<>(DmTuples.recipients(channel, event.userA().value(), event.userB().value()));
        if (friends) {
            all.addAll(DmTuples.senders(channel, event.userA().value(), event.userB().value()));
        }
        tuples.write(all);
    }

    @SagaEventHandler(associationProperty = FRIENDSHIP_ID)
    void on(FriendRemovedEvent event, PermissionTuples tuples) {
        friends = false;
        if (dmCreated) {
            tuples.delete(DmTuples.senders(dmChannelId, userA, userB));
        }
    }
}

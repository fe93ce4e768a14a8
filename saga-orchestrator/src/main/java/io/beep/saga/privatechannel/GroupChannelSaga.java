package io.beep.saga.privatechannel;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import io.beep.contracts.privatechannel.RecipientAddedEvent;
import io.beep.contracts.privatechannel.RecipientRemovedEvent;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * One per group channel, writing the relationships of docs/permissions.md: the owner, and every
 * member as recipient and sender. A user who leaves loses all three; a new owner is written.
 * Writes and exact deletes are idempotent, so a redelivered event changes nothing.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class GroupChannelSaga {

    /** Association key: every private channel event names its channel. */
    static final String CHANNEL_ID = "channelId";

    private String channelId;

    @StartSaga
    @SagaEventHandler(associationProperty = CHANNEL_ID)
    void on(GroupChannelCreatedEvent event, PermissionTuples tuples) {
        channelId = event.channelId().value();
        var all = new ArrayList<Tuple>();
        all.add(Tuple.of("channel", channelId, "owner", "user", event.ownerId().value()));
        all.addAll(member(channelId, event.ownerId().value()));
        event.recipientIds().forEach(u -> all.addAll(member(channelId, u.value())));
        tuples.write(all);
    }

    @SagaEventHandler(associationProperty = CHANNEL_ID)
    void on(RecipientAddedEvent event, PermissionTuples tuples) {
        tuples.write(member(channelId, event.userId().value()));
    }

    @SagaEventHandler(associationProperty = CHANNEL_ID)
    void on(RecipientRemovedEvent event, PermissionTuples tuples) {
        var user = event.userId().value();
        tuples.delete(List.of(Tuple.of("channel", channelId, "recipient", "user", user),
                Tuple.of("channel", channelId, "sender", "user", user),
                Tuple.of("channel", channelId, "owner", "user", user)));
        if (event.newOwnerId() != null) {
            tuples.write(List.of(Tuple.of("channel", channelId, "owner", "user", event.newOwnerId().value())));
        }
    }

    static List<Tuple> member(String channel, String user) {
        return List.of(Tuple.of("channel", channel, "recipient", "user", user),
                Tuple.of("channel", channel, "sender", "user", user));
    }
}

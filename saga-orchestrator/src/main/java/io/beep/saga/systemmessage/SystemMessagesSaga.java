package io.beep.saga.systemmessage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.PostSystemMessageCommand;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.saga.platform.axon.CommandOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * One per server: posts the system notices of the server. A join posts {@code member_joined} in the
 * server's system channel (its oldest text channel still there: at first the default channel); a new
 * conference channel posts {@code conference_created} in that conference channel itself, so nobody who
 * may not view it learns that it exists. Each notice's id is derived from its event ({@link NoticeIds}),
 * so a redelivered event finds the notice already there (ALREADY_EXISTS counts as done).
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class SystemMessagesSaga {

    static final String SERVER_ID = "serverId";

    private String serverId;
    private List<String> textChannelIds = new ArrayList<>();

    @StartSaga
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ServerCreatedEvent event) {
        serverId = event.serverId().value();
        if (event.defaultChannelId() != null) {
            textChannelIds.add(event.defaultChannelId().value());
        }
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelCreatedEvent event, @MessageIdentifier String eventId, @Timestamp Instant storedAt,
            CommandGateway commands) {
        if (event.type() == ChannelType.TEXT && !textChannelIds.contains(event.channelId().value())) {
            textChannelIds.add(event.channelId().value());
        }
        if (event.type() == ChannelType.CONFERENCE) {
            post(commands, new PostSystemMessageCommand(NoticeIds.of(storedAt, eventId), event.channelId(),
                    event.serverId(), event.createdBy(), MessageType.CONFERENCE_CREATED, event.name(), null));
        }
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberJoinedEvent event, @MessageIdentifier String eventId, @Timestamp Instant storedAt,
            CommandGateway commands) {
        if (textChannelIds.isEmpty()) {
            return;
        }
        post(commands, new PostSystemMessageCommand(NoticeIds.of(storedAt, eventId),
                ChannelId.of(textChannelIds.get(0)), ServerId.of(serverId), event.userId(), MessageType.MEMBER_JOINED, "",
                null));
    }

    /** A deleted system channel hands over to the next oldest text channel. */
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelDeletedEvent event) {
        textChannelIds.remove(event.channelId().value());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ServerDeletedEvent event) {
        textChannelIds.clear();
    }

    private static void post(CommandGateway commands, PostSystemMessageCommand command) {
        CommandOutcomes.acceptExisting(() -> commands.sendAndWait(command));
    }
}

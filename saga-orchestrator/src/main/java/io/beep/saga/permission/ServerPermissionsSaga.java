package io.beep.saga.permission;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.saga.platform.axon.CommandOutcomes;
import io.beep.saga.platform.authz.PermissionTuples;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * One per server: keeps the authorization relationships for the server, its roles, members and channels in step
 * with the events, and creates the server's default text channel. Tuple writes are idempotent, so
 * a redelivered event (after a crash or a retry) writes the same tuples again harmlessly; a failed
 * write fails the batch, which the processor retries with backoff.
 */
@Saga
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class ServerPermissionsSaga {

    /** Association key: every server event names its server. */
    static final String SERVER_ID = "serverId";
    static final String DEFAULT_CHANNEL_NAME = "general";

    private String serverId;
    private String everyoneRoleId;

    @StartSaga
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ServerCreatedEvent event, PermissionTuples tuples, CommandGateway commands) {
        serverId = event.serverId().value();
        everyoneRoleId = event.everyoneRoleId().value();
        tuples.write(ServerTuples.created(event));
        CommandOutcomes.acceptExisting(() -> commands.sendAndWait(new CreateChannelCommand(
                event.defaultChannelId(), event.serverId(), DEFAULT_CHANNEL_NAME, ChannelType.TEXT, null,
                event.ownerId())));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelCreatedEvent event, PermissionTuples tuples) {
        tuples.write(ServerTuples.created(event));
    }
}

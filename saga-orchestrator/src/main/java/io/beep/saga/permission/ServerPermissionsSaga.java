package io.beep.saga.permission;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberUnmutedEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleRemovedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import java.util.List;
import org.axonframework.modelling.saga.EndSaga;
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
    // Every change here concerns only the server's members (a non-member has no permission on the
    // server, its roles or its channels), so what would be announced to everybody is announced to
    // the members read just before the change, when there are few (PermissionTuples#membersOf).

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
        tuples.writeCreated(ServerTuples.created(event));
        CommandOutcomes.acceptExisting(() -> commands.sendAndWait(new CreateChannelCommand(
                event.defaultChannelId(), event.serverId(), DEFAULT_CHANNEL_NAME, ChannelType.TEXT, null,
                event.ownerId())));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelCreatedEvent event, PermissionTuples tuples) {
        tuples.write(ServerTuples.created(event));
    }

    /** Writes the overwrite's relationships first, then deletes the rest, so a kept permission never flickers. */
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelPermissionOverwriteSetEvent event, PermissionTuples tuples) {
        var members = tuples.membersOf(serverId);
        tuples.write(ServerTuples.overwritten(event), members);
        tuples.delete(ServerTuples.notOverwritten(event), members);
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelPermissionOverwriteRemovedEvent event, PermissionTuples tuples) {
        tuples.deleteMatching(ServerTuples.overwriteRemoved(event), tuples.membersOf(serverId));
    }

    /** The channel's own relationships, then its threads' links to it. */
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ChannelDeletedEvent event, PermissionTuples tuples) {
        var members = tuples.membersOf(serverId);
        ServerTuples.deleted(event).forEach(filter -> tuples.deleteMatching(filter, members));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberMutedEvent event, PermissionTuples tuples) {
        tuples.write(List.of(ServerTuples.muted(event.serverId().value(), event.userId().value())));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberUnmutedEvent event, PermissionTuples tuples) {
        tuples.delete(List.of(ServerTuples.muted(event.serverId().value(), event.userId().value())));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberJoinedEvent event, PermissionTuples tuples) {
        tuples.write(ServerTuples.joined(event));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberLeftEvent event, PermissionTuples tuples) {
        tuples.delete(ServerTuples.removed(serverId, event.userId().value(), event.roleIds()));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberKickedEvent event, PermissionTuples tuples) {
        tuples.delete(ServerTuples.removed(serverId, event.userId().value(), event.roleIds()));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(MemberBannedEvent event, PermissionTuples tuples) {
        if (event.wasMember()) {
            tuples.delete(ServerTuples.removed(serverId, event.userId().value(), event.roleIds()));
        }
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(RoleCreatedEvent event, PermissionTuples tuples) {
        tuples.write(ServerTuples.created(event));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(RoleUpdatedEvent event, PermissionTuples tuples) {
        var members = tuples.membersOf(serverId);
        tuples.write(ServerTuples.granted(event), members);
        tuples.delete(ServerTuples.revoked(event), members);
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(RoleDeletedEvent event, PermissionTuples tuples) {
        var members = tuples.membersOf(serverId);
        ServerTuples.deleted(event).forEach(filter -> tuples.deleteMatching(filter, members));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(RoleAssignedEvent event, PermissionTuples tuples) {
        tuples.write(List.of(ServerTuples.assignee(event.roleId().value(), event.userId().value())));
    }

    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(RoleRemovedEvent event, PermissionTuples tuples) {
        tuples.delete(List.of(ServerTuples.assignee(event.roleId().value(), event.userId().value())));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = SERVER_ID)
    void on(ServerDeletedEvent event, PermissionTuples tuples) {
        var members = tuples.membersOf(serverId); // before their relationships go
        ServerTuples.deleted(event).forEach(filter -> tuples.deleteMatching(filter, members));
    }
}

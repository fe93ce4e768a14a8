package io.beep.command.server;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.command.platform.web.Require;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.CreateServerCommand;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.common.Snowflake;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A server: its settings and who owns it. Members, roles and channels follow as features grow. */
@Aggregate
class Server {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    @AggregateIdentifier
    private ServerId serverId;
    private UserId ownerId;

    Server() {
    }

    @CommandHandler
    Server(CreateServerCommand command) {
        var name = Require.name("name", command.name(), MAX_NAME);
        var description = Require.optionalText("description", command.description(), MAX_DESCRIPTION);
        Require.present("visibility", command.visibility());
        Require.present("ownerId", command.ownerId());
        apply(new ServerCreatedEvent(command.serverId(), name, description == null ? "" : description,
                command.visibility(), command.ownerId(), command.everyoneRoleId(),
                Permission.everyoneDefaults(), command.defaultChannelId(), Snowflake.timeOf(command.serverId().value())));
    }

    @EventSourcingHandler
    void on(ServerCreatedEvent event) {
        serverId = event.serverId();
        ownerId = event.ownerId();
    }
}

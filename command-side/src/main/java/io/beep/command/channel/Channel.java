package io.beep.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.command.platform.web.DomainException;
import io.beep.command.platform.web.Require;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A channel of a server. */
@Aggregate
class Channel {

    static final int MAX_NAME = 100;

    @AggregateIdentifier
    private ChannelId channelId;
    private ServerId serverId;
    private ChannelType type;

    Channel() {
    }

    @CommandHandler
    Channel(CreateChannelCommand command) {
        var name = Require.name("name", command.name(), MAX_NAME);
        Require.present("serverId", command.serverId());
        var type = Require.present("type", command.type());
        if (!type.inServer()) {
            throw DomainException.invalid("type must be text, conference, category or thread");
        }
        if (type == ChannelType.THREAD && command.parentId() == null) {
            throw DomainException.invalid("a thread needs the channel it belongs to");
        }
        if (type == ChannelType.CATEGORY && command.parentId() != null) {
            throw DomainException.invalid("a category cannot sit in another channel");
        }
        apply(new ChannelCreatedEvent(command.channelId(), command.serverId(), name, type,
                command.parentId(), command.createdBy(), Snowflake.timeOf(command.channelId().value())));
    }

    @EventSourcingHandler
    void on(ChannelCreatedEvent event) {
        channelId = event.channelId();
        serverId = event.serverId();
        type = event.type();
    }
}

package io.beep.command.privatechannel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.privatechannel.AddRecipientCommand;
import io.beep.contracts.privatechannel.CreateDmChannelCommand;
import io.beep.contracts.privatechannel.CreateGroupChannelCommand;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import io.beep.contracts.privatechannel.RecipientAddedEvent;
import io.beep.contracts.privatechannel.RecipientRemovedEvent;
import io.beep.contracts.privatechannel.RemoveRecipientCommand;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A channel outside servers: the DM channel of two friends (its recipients never change) or a group
 * channel (an owner and up to {@value #MAX_RECIPIENTS} recipients in all; the owner adds users,
 * anyone may leave, and when the owner leaves the longest-standing recipient owns it).
 */
@Aggregate
class PrivateChannel {

    static final int MAX_RECIPIENTS = 10;
    static final int MAX_NAME = 100;

    @AggregateIdentifier
    private ChannelId channelId;
    private boolean group;
    private UserId ownerId;
    private final Set<UserId> recipients = new LinkedHashSet<>();

    PrivateChannel() {
    }

    @CommandHandler
    PrivateChannel(CreateDmChannelCommand command) {
        if (command.userA().equals(command.userB())) {
            throw DomainException.invalid("a DM channel needs two different users");
        }
        apply(new DmChannelCreatedEvent(command.channelId(), command.userA(), command.userB(),
                Snowflake.timeOf(command.channelId().value())));
    }

    @CommandHandler
    PrivateChannel(CreateGroupChannelCommand command) {
        var name = Require.name("name", command.name(), MAX_NAME);
        var others = new LinkedHashSet<>(command.recipientIds() == null ? List.<UserId>of() : command.recipientIds());
        others.remove(command.ownerId());
        if (others.size() + 1 > MAX_RECIPIENTS) {
            throw DomainException.invalid("a group channel has at most " + MAX_RECIPIENTS + " recipients");
        }
        apply(new GroupChannelCreatedEvent(command.channelId(), command.ownerId(), name, List.copyOf(others),
                Snowflake.timeOf(command.channelId().value())));
    }

    @CommandHandler
    void handle(AddRecipientCommand command) {
        requireGroup();
        if (!command.addedBy().equals(ownerId)) {
            throw new DomainException(ErrorCode.MISSING_PERMISSION, "only the group's owner can add recipients");
        }
        if (recipients.contains(command.userId())) {
            return;
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            throw DomainException.invalid("a group channel has at most " + MAX_RECIPIENTS + " recipients");
        }
        apply(new RecipientAddedEvent(channelId, command.userId(), command.addedBy()));
    }

    @CommandHandler
    void handle(RemoveRecipientCommand command) {
        requireGroup();
        if (!command.userId().equals(command.removedBy()) && !command.removedBy().equals(ownerId)) {
            throw new DomainException(ErrorCode.MISSING_PERMISSION, "only the group's owner can remove others");
        }
        if (!recipients.contains(command.userId())) {
            throw DomainException.notFound("recipient");
        }
        UserId newOwner = null;
        if (command.userId().equals(ownerId)) {
            newOwner = recipients.stream().filter(u -> !u.equals(ownerId)).findFirst().orElse(null);
        }
        apply(new RecipientRemovedEvent(channelId, command.userId(), command.removedBy(), newOwner));
    }

    private void requireGroup() {
        if (!group) {
            throw DomainException.invalid("the recipients of a DM channel cannot change");
        }
    }

    @EventSourcingHandler
    void on(DmChannelCreatedEvent event) {
        channelId = event.channelId();
        recipients.add(event.userA());
        recipients.add(event.userB());
    }

    @EventSourcingHandler
    void on(GroupChannelCreatedEvent event) {
        channelId = event.channelId();
        group = true;
        ownerId = event.ownerId();
        recipients.add(event.ownerId());
        recipients.addAll(event.recipientIds());
    }

    @EventSourcingHandler
    void on(RecipientAddedEvent event) {
        recipients.add(event.userId());
    }

    @EventSourcingHandler
    void on(RecipientRemovedEvent event) {
        recipients.remove(event.userId());
        if (event.userId().equals(ownerId)) {
            ownerId = event.newOwnerId();
        }
    }
}

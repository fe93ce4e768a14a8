package io.beep.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Require;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPositionChangedEvent;
import io.beep.contracts.channel.ChannelUpdatedEvent;
import io.beep.contracts.channel.DeleteChannelCommand;
import io.beep.contracts.channel.UpdateChannelCommand;
import io.beep.contracts.channel.ChannelView;
import java.util.List;
import java.util.Locale;
import java.time.Instant;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.channel.RemoveChannelPermissionOverwriteCommand;
import io.beep.contracts.channel.SetChannelPermissionOverwriteCommand;
import io.beep.contracts.common.Permission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A channel of a server. Public only so that a message can create its thread ({@link #thread}). */
@Aggregate
public class Channel {

    public static final int MAX_NAME = 100;

    @AggregateIdentifier
    private ChannelId channelId;
    private ServerId serverId;
    private ChannelType type;
    private String name;
    private ChannelId parentId;
    private Instant createdAt;
    private boolean deleted;
    /** The place last given in the channel list; null until one is given. */
    private Integer position;
    /** The target kind of each overwrite, by target id (role or user id), and whether it names the everyone role. */
    private final Map<String, Target> overwrites = new HashMap<>();

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

    private Channel(ChannelCreatedEvent created) {
        apply(created);
    }

    /**
     * A thread channel started on a message of {@code parentId}, for {@code AggregateLifecycle.createNew}
     * from the message; {@code name} is checked by the caller.
     */
    public static Channel thread(ChannelId threadId, ServerId serverId, ChannelId parentId, String name,
                                 UserId createdBy) {
        return new Channel(new ChannelCreatedEvent(threadId, serverId, name, ChannelType.THREAD, parentId, createdBy,
                Snowflake.timeOf(threadId.value())));
    }

    @EventSourcingHandler
    void on(ChannelCreatedEvent event) {
        channelId = event.channelId();
        serverId = event.serverId();
        type = event.type();
        name = event.name();
        parentId = event.parentId();
        createdAt = event.createdAt();
    }

    @CommandHandler
    ChannelView handle(UpdateChannelCommand command) {
        requireExists();
        var newName = command.name() == null ? name : Require.name("name", command.name(), MAX_NAME);
        var newParent = parentId;
        if (command.moveParent() && !java.util.Objects.equals(command.parentId(), parentId)) {
            if (type == ChannelType.THREAD) {
                throw DomainException.invalid("a thread stays in its channel");
            }
            if (type == ChannelType.CATEGORY && command.parentId() != null) {
                throw DomainException.invalid("a category cannot sit in another channel");
            }
            newParent = command.parentId();
        }
        if (command.position() != null && command.position() < 0) {
            throw DomainException.invalid("position must be 0 or more");
        }
        if (!newName.equals(name) || !java.util.Objects.equals(newParent, parentId)) {
            apply(new ChannelUpdatedEvent(channelId, serverId, newName, newParent, command.updatedBy()));
        }
        if (command.position() != null && !command.position().equals(position)) {
            apply(new ChannelPositionChangedEvent(channelId, serverId, command.position(), command.updatedBy()));
        }
        return view();
    }

    @CommandHandler
    void handle(DeleteChannelCommand command) {
        requireExists();
        apply(new ChannelDeletedEvent(channelId, serverId, type, command.deletedBy()));
    }

    @EventSourcingHandler
    void on(ChannelUpdatedEvent event) {
        name = event.name();
        parentId = event.parentId();
    }

    @EventSourcingHandler
    void on(ChannelPositionChangedEvent event) {
        position = event.position();
    }

    @EventSourcingHandler
    void on(ChannelDeletedEvent event) {
        deleted = true;
    }

    private void requireExists() {
        if (deleted) {
            throw DomainException.notFound("channel");
        }
    }

    private ChannelView view() {
        return new ChannelView(channelId.value(), serverId.value(), type.name().toLowerCase(Locale.ROOT), name,
                parentId == null ? null : parentId.value(), List.of(), createdAt, position);
    }

    @CommandHandler
    void handle(SetChannelPermissionOverwriteCommand command) {
        requireOverwritable();
        var targetType = Require.present("targetType", command.targetType());
        Require.present("targetId", command.targetId());
        var allow = overwritable("allow", command.allow());
        var deny = overwritable("deny", command.deny());
        if (allow.stream().anyMatch(deny::contains)) {
            throw DomainException.invalid("a permission cannot be both allowed and denied");
        }
        var previous = overwrites.get(command.targetId());
        if (previous != null && previous.type() != targetType) {
            throw DomainException.invalid("targetId names a " + previous.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        apply(new ChannelPermissionOverwriteSetEvent(channelId, serverId, targetType, command.targetId(),
                targetType == OverwriteTargetType.ROLE && command.everyoneRole(), allow, deny, command.setBy()));
    }

    @CommandHandler
    void handle(RemoveChannelPermissionOverwriteCommand command) {
        requireOverwritable();
        var target = overwrites.get(command.targetId());
        if (target == null) {
            throw DomainException.notFound("overwrite");
        }
        apply(new ChannelPermissionOverwriteRemovedEvent(channelId, serverId, target.type(), command.targetId(),
                target.everyoneRole(), command.removedBy()));
    }

    private void requireOverwritable() {
        requireExists();
        if (type == ChannelType.THREAD) {
            throw DomainException.invalid("a thread takes its parent channel's permissions");
        }
    }

    private static Set<Permission> overwritable(String field, Set<Permission> requested) {
        if (requested == null || requested.isEmpty()) {
            return Set.of();
        }
        if (requested.stream().anyMatch(p -> p == null || !Permission.overwritable().contains(p))) {
            throw DomainException.invalid(field + " may only name " + Permission.overwritable());
        }
        return Set.copyOf(EnumSet.copyOf(requested));
    }

    @EventSourcingHandler
    void on(ChannelPermissionOverwriteSetEvent event) {
        overwrites.put(event.targetId(), new Target(event.targetType(), event.everyoneRole()));
    }

    @EventSourcingHandler
    void on(ChannelPermissionOverwriteRemovedEvent event) {
        overwrites.remove(event.targetId());
    }

    /** What the aggregate remembers of an overwrite's target. */
    private record Target(OverwriteTargetType type, boolean everyoneRole) {
    }
}

package io.beep.saga.permission;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.common.Permission;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tuple mapping of docs/permissions.md: which relationships each event writes. Pure functions,
 * so the mapping is tested without SpiceDB and the drift check can recompute it from events.
 */
final class ServerTuples {

    private ServerTuples() {
    }

    /** Owner, owner membership, the everyone role reaching every member, and its grants. */
    static List<Tuple> created(ServerCreatedEvent event) {
        var server = event.serverId().value();
        var everyone = event.everyoneRoleId().value();
        var tuples = new ArrayList<Tuple>();
        tuples.add(Tuple.of("server", server, "owner", "user", event.ownerId().value()));
        tuples.add(Tuple.of("server", server, "member", "user", event.ownerId().value()));
        tuples.add(Tuple.of("role", everyone, "server", "server", server));
        tuples.add(Tuple.ofSet("role", everyone, "assignee", "server", server, "member"));
        for (Permission permission : event.everyonePermissions()) {
            tuples.add(grant(server, everyone, permission));
        }
        return tuples;
    }

    /** A server channel belongs to its server; a thread only to its parent channel. */
    static List<Tuple> created(ChannelCreatedEvent event) {
        var channel = event.channelId().value();
        if (event.type() == ChannelType.THREAD) {
            return List.of(Tuple.of("channel", channel, "parent", "channel", event.parentId().value()));
        }
        return List.of(Tuple.of("channel", channel, "server", "server", event.serverId().value()));
    }

    /** Everything a deleted channel reaches: its own relationships (server or parent link, overwrites) and
     *  its threads' links to it. */
    static List<TupleFilter> deleted(ChannelDeletedEvent event) {
        var channel = event.channelId().value();
        return List.of(TupleFilter.resource("channel", channel),
                new TupleFilter("channel", null, "parent", "channel", channel, null));
    }

    /** A server-level mute of a member. */
    static Tuple muted(String server, String user) {
        return Tuple.of("server", server, "muted", "user", user);
    }

    /** A new member. */
    static List<Tuple> joined(MemberJoinedEvent event) {
        return List.of(member(event.serverId().value(), event.userId().value()));
    }

    /** What a member loses on leaving, being kicked or banned: membership, mute, and the roles held. */
    static List<Tuple> removed(String server, String user, Set<RoleId> roleIds) {
        var tuples = new ArrayList<Tuple>();
        tuples.add(member(server, user));
        tuples.add(muted(server, user));
        for (var role : roleIds) {
            tuples.add(assignee(role.value(), user));
        }
        return tuples;
    }

    /** A new role: its server link and a grant per permission. */
    static List<Tuple> created(RoleCreatedEvent event) {
        var server = event.serverId().value();
        var role = event.roleId().value();
        var tuples = new ArrayList<Tuple>();
        tuples.add(Tuple.of("role", role, "server", "server", server));
        for (var permission : event.permissions()) {
            tuples.add(grant(server, role, permission));
        }
        return tuples;
    }

    /** The grants a role holds after an update. */
    static List<Tuple> granted(RoleUpdatedEvent event) {
        return event.permissions().stream()
                .map(p -> grant(event.serverId().value(), event.roleId().value(), p))
                .toList();
    }

    /** The grants a role no longer holds after an update: every permission not in the new set. */
    static List<Tuple> revoked(RoleUpdatedEvent event) {
        var gone = EnumSet.allOf(Permission.class);
        gone.removeAll(event.permissions());
        return gone.stream().map(p -> grant(event.serverId().value(), event.roleId().value(), p)).toList();
    }

    static Tuple assignee(String role, String user) {
        return Tuple.of("role", role, "assignee", "user", user);
    }

    /** Everything a deleted role reaches: its own relationships, then every grant and overwrite naming it. */
    static List<TupleFilter> deleted(RoleDeletedEvent event) {
        var role = event.roleId().value();
        return List.of(TupleFilter.resource("role", role), TupleFilter.subject("role", role, "assignee"));
    }

    /** Everything a deleted server reaches: its own relationships, those naming it, and its roles. */
    static List<TupleFilter> deleted(ServerDeletedEvent event) {
        var server = event.serverId().value();
        var filters = new ArrayList<TupleFilter>();
        filters.add(TupleFilter.resource("server", server));
        filters.add(TupleFilter.subject("server", server, null));
        for (var role : event.roleIds()) {
            filters.add(TupleFilter.resource("role", role.value()));
        }
        return filters;
    }

    /** The relationships a set overwrite holds: an allow or deny per permission in the target's tier. */
    static List<Tuple> overwritten(ChannelPermissionOverwriteSetEvent event) {
        var tuples = new ArrayList<Tuple>();
        for (var permission : event.allow()) {
            tuples.add(overwrite(event, "allow", permission));
        }
        for (var permission : event.deny()) {
            tuples.add(overwrite(event, "deny", permission));
        }
        return tuples;
    }

    /** The overwrite relationships of the target that the set event does not hold (the previous overwrite's rest). */
    static List<Tuple> notOverwritten(ChannelPermissionOverwriteSetEvent event) {
        var tuples = new ArrayList<Tuple>();
        for (var permission : Permission.overwritable()) {
            if (!event.allow().contains(permission)) {
                tuples.add(overwrite(event, "allow", permission));
            }
            if (!event.deny().contains(permission)) {
                tuples.add(overwrite(event, "deny", permission));
            }
        }
        return tuples;
    }

    /** Every overwrite relationship of the target on the channel: its subject occurs only in overwrites there. */
    static TupleFilter overwriteRemoved(ChannelPermissionOverwriteRemovedEvent event) {
        var channel = event.channelId().value();
        if (event.targetType() == OverwriteTargetType.MEMBER) {
            return new TupleFilter("channel", channel, null, "user", event.targetId(), null);
        }
        return new TupleFilter("channel", channel, null, "role", event.targetId(), "assignee");
    }

    private static Tuple overwrite(ChannelPermissionOverwriteSetEvent event, String kind, Permission permission) {
        var relation = "_" + kind + "_" + permission.name().toLowerCase(Locale.ROOT);
        var channel = event.channelId().value();
        if (event.targetType() == OverwriteTargetType.MEMBER) {
            return Tuple.of("channel", channel, "member" + relation, "user", event.targetId());
        }
        var tier = event.everyoneRole() ? "everyone" : "role";
        return Tuple.ofSet("channel", channel, tier + relation, "role", event.targetId(), "assignee");
    }

    private static Tuple member(String server, String user) {
        return Tuple.of("server", server, "member", "user", user);
    }

    static Tuple grant(String server, String role, Permission permission) {
        return Tuple.ofSet("server", server, "grant_" + permission.name().toLowerCase(Locale.ROOT), "role", role,
                "assignee");
    }
}

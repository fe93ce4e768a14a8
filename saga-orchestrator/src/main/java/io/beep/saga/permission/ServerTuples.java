package io.beep.saga.permission;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.Permission;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.saga.platform.authz.Tuple;
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

    static Tuple grant(String server, String role, Permission permission) {
        return Tuple.ofSet("server", server, "grant_" + permission.name().toLowerCase(Locale.ROOT), "role", role,
                "assignee");
    }
}

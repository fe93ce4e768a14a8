package io.beep.saga.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.saga.platform.authz.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpectedRelationshipsTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final RoleId EVERYONE = RoleId.of("101");
    private static final ChannelId GENERAL = ChannelId.of("102");
    private static final RoleId MODS = RoleId.of("103");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private static List<ServerHistory.Stored> history(Object... events) {
        var stored = new ArrayList<ServerHistory.Stored>();
        for (int i = 0; i < events.length; i++) {
            stored.add(new ServerHistory.Stored(i + 1, Instant.EPOCH, events[i]));
        }
        return stored;
    }

    private static ServerCreatedEvent created() {
        return new ServerCreatedEvent(SERVER, "s", "", Visibility.PUBLIC, ALICE, EVERYONE,
                Set.of(Permission.VIEW_CHANNELS), GENERAL, Instant.EPOCH);
    }

    @Test
    void theReplayEndsWhereTheSagaWouldHaveWritten() {
        var replay = ExpectedRelationships.replay("100", history(created(),
                new ChannelCreatedEvent(GENERAL, SERVER, "general", ChannelType.TEXT, null, ALICE, Instant.EPOCH),
                new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH),
                new RoleCreatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_SERVER), ALICE),
                new RoleAssignedEvent(SERVER, MODS, BOB, ALICE)));
        assertThat(replay.relationships()).contains(
                Tuple.of("server", "100", "owner", "user", "alice"),
                Tuple.of("server", "100", "member", "user", "bob"),
                Tuple.of("role", "103", "assignee", "user", "bob"),
                Tuple.ofSet("server", "100", "grant_manage_server", "role", "103", "assignee"));
        assertThat(replay.objects()).contains("server:100", "role:101", "role:103", "channel:102");
    }

    @Test
    void removalsAndDeletionsTakeTheirRelationshipsAwayButKeepTheObjectsToLookAt() {
        var replay = ExpectedRelationships.replay("100", history(created(),
                new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH),
                new RoleCreatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_SERVER), ALICE),
                new RoleAssignedEvent(SERVER, MODS, BOB, ALICE),
                new MemberLeftEvent(SERVER, BOB, Set.of(MODS)),
                new RoleDeletedEvent(SERVER, MODS, ALICE, "mods")));
        assertThat(replay.relationships()).noneMatch(t -> t.subjectId().equals("bob") || t.entityId().equals("103")
                || t.subjectId().equals("103"));
        assertThat(replay.objects()).contains("role:103");
    }

    @Test
    void everyEventTypeTheSagaHandlesIsReplayable() {
        assertThat(ExpectedRelationships.eventTypes()).contains(ServerCreatedEvent.class, MemberJoinedEvent.class,
                ChannelCreatedEvent.class, RoleDeletedEvent.class);
    }
}

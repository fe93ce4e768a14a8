package io.beep.command.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.command.platform.axon.SnapshotSerializer;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.AcceptInviteCommand;
import io.beep.contracts.server.AssignRoleCommand;
import io.beep.contracts.server.BanMemberCommand;
import io.beep.contracts.server.CheckOverwriteTargetCommand;
import io.beep.contracts.server.CreateInviteCommand;
import io.beep.contracts.server.CreateRoleCommand;
import io.beep.contracts.server.InviteCreatedEvent;
import io.beep.contracts.server.InviteUsedEvent;
import io.beep.contracts.server.JoinServerCommand;
import io.beep.contracts.server.KickMemberCommand;
import io.beep.contracts.server.LeaveServerCommand;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberNicknameChangedEvent;
import io.beep.contracts.server.RemoveRoleCommand;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.UnbanMemberCommand;
import io.beep.contracts.server.UpdateMemberCommand;
import io.beep.contracts.server.UpdateRoleCommand;
import io.beep.contracts.server.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A {@link Server} loaded from a snapshot (serialized and read back as in PostgreSQL) plus the events after
 * it answers every command exactly like one replayed from all its events.
 */
class ServerSnapshotTest {

    private static final ServerId SERVER = ServerId.of("900");
    private static final UserId OWNER = UserId.of("owner");
    private static final RoleId EVERYONE = RoleId.of("901");
    private static final RoleId MODS = RoleId.of("902");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
    private static final Instant MUTE_END = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

    private static UserId member(int i) {
        return UserId.of("member-" + i);
    }

    /** Every kind of state the aggregate keeps: members, joins, roles, nicknames, mutes, bans, invites. */
    private static List<Object> history() {
        var events = new ArrayList<Object>();
        events.add(new ServerCreatedEvent(SERVER, "big", "snapshots", Visibility.PUBLIC, OWNER, EVERYONE,
                Permission.everyoneDefaults(), ChannelId.of("903"), Snowflake.timeOf(SERVER.value())));
        IntStream.range(0, 40).forEach(i -> events.add(new MemberJoinedEvent(SERVER, member(i), T0.plusSeconds(i))));
        events.add(new RoleCreatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_MEMBERS), OWNER));
        events.add(new RoleAssignedEvent(SERVER, MODS, member(1), OWNER));
        events.add(new RoleAssignedEvent(SERVER, MODS, member(2), OWNER));
        events.add(new MemberNicknameChangedEvent(SERVER, member(3), "Three", OWNER));
        events.add(new MemberMutedEvent(SERVER, member(4), MUTE_END, OWNER));
        events.add(new MemberBannedEvent(SERVER, member(5), OWNER, "spam", true, Set.of(), T0));
        events.add(new InviteCreatedEvent(SERVER, "once", OWNER, T0, null, 1, null));
        events.add(new MemberJoinedEvent(SERVER, member(41), T0));
        events.add(new InviteUsedEvent(SERVER, "once", member(41), 1));
        events.add(new InviteCreatedEvent(SERVER, "open", OWNER, T0, null, null, null));
        events.add(new MemberNicknameChangedEvent(SERVER, member(6), "Six", OWNER));
        events.add(new RoleAssignedEvent(SERVER, MODS, member(7), OWNER));
        return events;
    }

    /** Commands whose answers and events depend on every part of the state (none embeds the clock). */
    private static List<Object> script() {
        return List.of(
                new UpdateMemberCommand(SERVER, member(3), true, "Three", false, null, OWNER),
                new UpdateMemberCommand(SERVER, member(1), true, "One", false, null, OWNER),
                new UpdateMemberCommand(SERVER, member(4), false, null, false, null, OWNER),
                new UpdateMemberCommand(SERVER, member(6), true, null, false, null, OWNER),
                new UpdateMemberCommand(SERVER, member(4), false, null, true, null, OWNER),
                new AssignRoleCommand(SERVER, MODS, member(1), OWNER),
                new AssignRoleCommand(SERVER, MODS, member(8), OWNER),
                new RemoveRoleCommand(SERVER, MODS, member(2), OWNER),
                new RemoveRoleCommand(SERVER, MODS, member(9), OWNER),
                new UpdateRoleCommand(SERVER, MODS, "moderators", null, OWNER),
                new UpdateRoleCommand(SERVER, EVERYONE, "renamed", null, OWNER),
                new CreateRoleCommand(SERVER, MODS, "again", Set.of(), OWNER),
                new JoinServerCommand(SERVER, member(5)),
                new JoinServerCommand(SERVER, member(10)),
                new LeaveServerCommand(SERVER, OWNER),
                new AcceptInviteCommand(SERVER, "once", member(50)),
                new AcceptInviteCommand(SERVER, "open", member(11)),
                new CreateInviteCommand(SERVER, "open", OWNER, null, null, null),
                new CreateInviteCommand(SERVER, "x", OWNER, null, null, member(5)),
                new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.ROLE, EVERYONE.value()),
                new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.MEMBER, member(5).value()),
                new KickMemberCommand(SERVER, member(7), OWNER),
                new UpdateMemberCommand(SERVER, member(7), true, "gone", false, null, OWNER),
                new UnbanMemberCommand(SERVER, member(5), OWNER),
                new UnbanMemberCommand(SERVER, member(5), OWNER),
                new BanMemberCommand(SERVER, OWNER, member(1), "no"));
    }

    @Test
    void serverFromSnapshotAndLaterEventsAnswersLikeOneReplayedFromAllEvents() {
        var history = history();
        int split = 30;

        // a snapshot taken the way the service takes it, after the first `split` events
        var first = new SnapshotsThroughSerializer();
        append(first, history.subList(0, split), 0);
        var taking = start(first, 1, false);
        taking.commandGateway().sendAndWait(
                new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.MEMBER, OWNER.value()));
        taking.shutdown();
        var snapshot = first.readSnapshot(SERVER.value()).orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(split - 1);
        assertThat(first.revisions).containsOnly(Server.SNAPSHOT_REVISION);

        // store B holds the snapshot and only the events after it: the early ones must come from the snapshot
        var fromSnapshot = new SnapshotsThroughSerializer();
        fromSnapshot.storeSnapshot(snapshot);
        append(fromSnapshot, history.subList(split, history.size()), split);
        var replayed = new InMemoryEventStorageEngine();
        append(replayed, history, 0);

        var expected = run(start(replayed, 0, false));
        var actual = run(start(fromSnapshot, 3, true));

        assertThat(actual).isEqualTo(expected);
        assertThat(fromSnapshot.revisions).isNotEmpty();
        // the answers exercise state from before the snapshot (joins, nicknames, bans, invite uses)
        assertThat(expected).anyMatch(line -> line.contains("joinedAt=2026-01-01T00:00:03.123456789Z"))
                .anyMatch(line -> line.contains("memberCount=41"))
                .anyMatch(line -> line.contains("used up"))
                .anyMatch(line -> line.contains("you are banned"));
    }

    @Test
    void snapshotsOfAnotherRevisionAreSkipped() {
        var filter = new ServerRepositoryConfig().serverSnapshotFilter();
        assertThat(filter.allow(entry("Server", Server.SNAPSHOT_REVISION))).isTrue();
        assertThat(filter.allow(entry("Server", "0"))).isFalse();
        assertThat(filter.allow(entry("Channel", "0"))).isTrue();
    }

    private static GenericDomainEventEntry<byte[]> entry(String aggregateType, String revision) {
        return new GenericDomainEventEntry<>(aggregateType, SERVER.value(), 1, "e", T0, Server.class.getName(),
                revision, "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** Each command's answer (or error) and the events it appended, as text. */
    private static List<String> run(Configuration config) {
        var lines = new ArrayList<String>();
        var seen = new ArrayList<EventMessage<?>>();
        config.eventBus().subscribe(seen::addAll);
        for (var command : script()) {
            String answer;
            try {
                answer = String.valueOf((Object) config.commandGateway().sendAndWait(command));
            } catch (RuntimeException e) {
                answer = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            lines.add(command.getClass().getSimpleName() + " -> " + answer + " " + seen.stream()
                    .map(EventMessage::getPayload).toList());
            seen.clear();
        }
        config.shutdown();
        return lines;
    }

    private static Configuration start(InMemoryEventStorageEngine engine, int snapshotThreshold, boolean cache) {
        var aggregate = AggregateConfigurer.defaultConfiguration(Server.class)
                .configureSnapshotTrigger(c -> snapshotThreshold > 0
                        ? new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotThreshold)
                        : NoSnapshotTriggerDefinition.INSTANCE);
        if (cache) {
            aggregate.configureCache(c -> new WeakReferenceCache());
        }
        var config = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(aggregate)
                .registerComponent(ServerMemberships.class, c -> new ServerTest.CountingMemberships())
                .registerComponent(InviteCodes.class, c -> new ServerInviteTest.RecordingCodes())
                .registerComponent(MuteSchedule.class, c -> new ServerMemberUpdateTest.RecordingSchedule())
                .buildConfiguration();
        config.start();
        return config;
    }

    private static void append(InMemoryEventStorageEngine engine, List<Object> events, long firstSequence) {
        for (int i = 0; i < events.size(); i++) {
            engine.appendEvents(List.of(new GenericDomainEventMessage<>("Server", SERVER.value(), firstSequence + i,
                    events.get(i))));
        }
    }

    /** In-memory events; snapshots go through the service's snapshot serializer and back. */
    static final class SnapshotsThroughSerializer extends InMemoryEventStorageEngine {
        private final Serializer serializer = SnapshotSerializer.create();
        final List<String> revisions = new ArrayList<>();

        @Override
        public void storeSnapshot(org.axonframework.eventhandling.DomainEventMessage<?> snapshot) {
            SerializedObject<byte[]> data = serializer.serialize(snapshot.getPayload(), byte[].class);
            revisions.add(data.getType().getRevision());
            super.storeSnapshot(new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(), serializer.deserialize(data), MetaData.emptyInstance()));
        }
    }
}

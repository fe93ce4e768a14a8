package io.beep.saga.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.saga.platform.authz.ChangeScope;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleRemovedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerPermissionsSagaTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final ChangeScope MEMBERS = new ChangeScope(false, Set.of("alice", "bob"));
    private static final RoleId EVERYONE = RoleId.of("101");
    private static final ChannelId GENERAL = ChannelId.of("102");
    private static final UserId ALICE = UserId.of("alice");

    private final RecordingTuples tuples = new RecordingTuples();
    private SagaTestFixture<ServerPermissionsSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ServerPermissionsSaga.class);
        fixture.registerResource(tuples);
    }

    private static ServerCreatedEvent created() {
        return new ServerCreatedEvent(SERVER, "s", "", Visibility.PRIVATE, ALICE, EVERYONE,
                Set.of(Permission.VIEW_CHANNELS, Permission.SEND_MESSAGES), GENERAL, Instant.EPOCH);
    }

    @Test
    void serverCreationWritesOwnerAndEveryoneTuplesAndCreatesGeneralChannel() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(created())
                .expectActiveSagas(1)
                .expectAssociationWith(ServerPermissionsSaga.SERVER_ID, SERVER.value())
                .expectDispatchedCommands(new CreateChannelCommand(GENERAL, SERVER, "general", ChannelType.TEXT, null,
                        ALICE));
        assertThat(tuples.written).contains(
                Tuple.of("server", "100", "owner", "user", "alice"),
                Tuple.of("server", "100", "member", "user", "alice"),
                Tuple.of("role", "101", "server", "server", "100"),
                Tuple.ofSet("role", "101", "assignee", "server", "100", "member"),
                Tuple.ofSet("server", "100", "grant_view_channels", "role", "101", "assignee"),
                Tuple.ofSet("server", "100", "grant_send_messages", "role", "101", "assignee"));
        assertThat(tuples.written).hasSize(6);
        assertThat(tuples.writtenAsCreated).as("a new server's relationships can only grant: not announced")
                .containsExactlyElementsOf(tuples.written);
    }

    @Test
    void channelCreationLinksChannelToItsServer() {
        fixture.givenAPublished(created())
                .whenPublishingA(new ChannelCreatedEvent(ChannelId.of("200"), SERVER, "random", ChannelType.TEXT, null,
                        ALICE, Instant.EPOCH))
                .expectNoDispatchedCommands();
        assertThat(tuples.written).endsWith(Tuple.of("channel", "200", "server", "server", "100"));
    }

    @Test
    void threadInheritsFromItsParentChannelOnly() {
        fixture.givenAPublished(created())
                .whenPublishingA(new ChannelCreatedEvent(ChannelId.of("300"), SERVER, "thread", ChannelType.THREAD,
                        ChannelId.of("200"), ALICE, Instant.EPOCH))
                .expectNoDispatchedCommands();
        assertThat(tuples.written).endsWith(Tuple.of("channel", "300", "parent", "channel", "200"));
        assertThat(tuples.written).doesNotContain(Tuple.of("channel", "300", "server", "server", "100"));
    }

    @Test
    void eventsOfOtherServersDoNotReachTheSaga() {
        fixture.givenAPublished(created())
                .whenPublishingA(new ChannelCreatedEvent(ChannelId.of("200"), ServerId.of("999"), "x", ChannelType.TEXT,
                        null, ALICE, Instant.EPOCH))
                .expectActiveSagas(1);
        assertThat(tuples.written).doesNotContain(Tuple.of("channel", "200", "server", "server", "999"));
    }

    private static final UserId BOB = UserId.of("bob");
    private static final RoleId MODS = RoleId.of("500");

    private static RoleCreatedEvent modsCreated() {
        return new RoleCreatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_CHANNELS, Permission.MANAGE_ROLES),
                ALICE);
    }

    @Test
    void joiningMakesAMember() {
        fixture.givenAPublished(created())
                .whenPublishingA(new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH));
        assertThat(tuples.written).contains(Tuple.of("server", "100", "member", "user", "bob"));
    }

    @Test
    void leavingRemovesMembershipMuteAndTheRolesHeld() {
        fixture.givenAPublished(created())
                .andThenAPublished(new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH))
                .andThenAPublished(modsCreated())
                .andThenAPublished(new RoleAssignedEvent(SERVER, MODS, BOB, ALICE))
                .whenPublishingA(new MemberLeftEvent(SERVER, BOB, Set.of(MODS)));
        assertThat(tuples.written).noneMatch(t -> t.subjectId().equals("bob"));
        assertThat(tuples.deleted).contains(Tuple.of("server", "100", "muted", "user", "bob"));
    }

    @Test
    void kickAndBanRemoveTheMemberButABanOfANonMemberDeletesNothing() {
        fixture.givenAPublished(created())
                .andThenAPublished(new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH))
                .whenPublishingA(new MemberKickedEvent(SERVER, BOB, ALICE, Set.of()));
        assertThat(tuples.written).doesNotContain(Tuple.of("server", "100", "member", "user", "bob"));
        tuples.deleted.clear();
        fixture.givenAPublished(created())
                .whenPublishingA(new MemberBannedEvent(SERVER, BOB, ALICE, "", false, Set.of(), Instant.EPOCH));
        assertThat(tuples.deleted).isEmpty();
    }

    @Test
    void roleCreationLinksTheRoleAndWritesItsGrants() {
        fixture.givenAPublished(created()).whenPublishingA(modsCreated());
        assertThat(tuples.written).contains(
                Tuple.of("role", "500", "server", "server", "100"),
                Tuple.ofSet("server", "100", "grant_manage_channels", "role", "500", "assignee"),
                Tuple.ofSet("server", "100", "grant_manage_roles", "role", "500", "assignee"));
    }

    @Test
    void roleUpdateWritesTheNewGrantsAndDeletesEveryOtherOne() {
        fixture.givenAPublished(created())
                .andThenAPublished(modsCreated())
                .whenPublishingA(new RoleUpdatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_ROLES), ALICE));
        assertThat(tuples.written).contains(Tuple.ofSet("server", "100", "grant_manage_roles", "role", "500", "assignee"))
                .doesNotContain(Tuple.ofSet("server", "100", "grant_manage_channels", "role", "500", "assignee"));
        assertThat(tuples.deleted).hasSize(Permission.values().length - 1)
                .doesNotContain(Tuple.ofSet("server", "100", "grant_manage_roles", "role", "500", "assignee"));
    }

    @Test
    void assigningAndRemovingARoleChangesTheAssignee() {
        fixture.givenAPublished(created())
                .andThenAPublished(modsCreated())
                .whenPublishingA(new RoleAssignedEvent(SERVER, MODS, BOB, ALICE));
        assertThat(tuples.written).contains(Tuple.of("role", "500", "assignee", "user", "bob"));
        fixture.givenAPublished(created())
                .whenPublishingA(new RoleRemovedEvent(SERVER, MODS, BOB, ALICE));
        assertThat(tuples.written).doesNotContain(Tuple.of("role", "500", "assignee", "user", "bob"));
    }

    @Test
    void roleDeletionRemovesItsLinkAssignmentsGrantsAndOverwrites() {
        tuples.written.add(Tuple.ofSet("channel", "200", "role_allow_send_messages", "role", "500", "assignee"));
        fixture.givenAPublished(created())
                .andThenAPublished(modsCreated())
                .andThenAPublished(new RoleAssignedEvent(SERVER, MODS, BOB, ALICE))
                .whenPublishingA(new RoleDeletedEvent(SERVER, MODS, ALICE, "mods"));
        assertThat(tuples.written).noneMatch(t -> t.entityId().equals("500") || t.subjectId().equals("500"));
        assertThat(tuples.written).contains(Tuple.of("server", "100", "owner", "user", "alice"));
    }

    @Test
    void serverDeletionRemovesEverythingOfTheServerAndEndsTheSaga() {
        fixture.givenAPublished(created())
                .andThenAPublished(new ChannelCreatedEvent(ChannelId.of("200"), SERVER, "random", ChannelType.TEXT,
                        null, ALICE, Instant.EPOCH))
                .andThenAPublished(modsCreated())
                .whenPublishingA(new ServerDeletedEvent(SERVER, ALICE, Set.of(ALICE), Set.of(EVERYONE, MODS)))
                .expectActiveSagas(0);
        assertThat(tuples.written).isEmpty();
    }

    @Test
    void changesInsideTheServerAreAnnouncedOnlyToItsMembersReadBeforeTheChange() {
        fixture.givenAPublished(created())
                .andThenAPublished(modsCreated())
                .whenPublishingA(new ServerDeletedEvent(SERVER, ALICE, Set.of(ALICE), Set.of(EVERYONE, MODS)))
                .expectActiveSagas(0);
        assertThat(tuples.log).as("members read first, then every deletion bounded by them").isNotEmpty()
                .first().isEqualTo("membersOf 100");
        assertThat(tuples.log.subList(1, tuples.log.size())).isNotEmpty()
                .allMatch(entry -> entry.startsWith("deleteMatching") && entry.endsWith("within " + MEMBERS));
    }

    /** Records tuple writes in memory: the saga fixture is a pure domain test. */
    private static ChannelPermissionOverwriteSetEvent overwrite(OverwriteTargetType type, String target,
                                                                boolean everyone, Set<Permission> allow,
                                                                Set<Permission> deny) {
        return new ChannelPermissionOverwriteSetEvent(GENERAL, SERVER, type, target, everyone, allow, deny, ALICE);
    }

    @Test
    void everyoneOverwriteWritesTheEveryoneTierAndClearsTheRestOfIt() {
        fixture.givenAPublished(created())
                .whenPublishingA(overwrite(OverwriteTargetType.ROLE, EVERYONE.value(), true, Set.of(),
                        Set.of(Permission.VIEW_CHANNELS)));
        var deny = Tuple.ofSet("channel", "102", "everyone_deny_view_channels", "role", "101", "assignee");
        assertThat(tuples.written).contains(deny);
        assertThat(tuples.written).noneMatch(t -> t.relation().startsWith("role_") || t.relation().startsWith("member_"));
        assertThat(tuples.deleted).hasSize(13).doesNotContain(deny)
                .allMatch(t -> t.relation().startsWith("everyone_"))
                .contains(Tuple.ofSet("channel", "102", "everyone_allow_view_channels", "role", "101", "assignee"));
    }

    @Test
    void roleOverwriteWritesTheRoleTier() {
        fixture.givenAPublished(created())
                .whenPublishingA(overwrite(OverwriteTargetType.ROLE, "500", false, Set.of(Permission.VIEW_CHANNELS),
                        Set.of(Permission.SEND_MESSAGES)));
        assertThat(tuples.written).contains(
                Tuple.ofSet("channel", "102", "role_allow_view_channels", "role", "500", "assignee"),
                Tuple.ofSet("channel", "102", "role_deny_send_messages", "role", "500", "assignee"));
        assertThat(tuples.deleted).hasSize(12);
    }

    @Test
    void memberOverwriteWritesTheMemberTierForTheUser() {
        fixture.givenAPublished(created())
                .whenPublishingA(overwrite(OverwriteTargetType.MEMBER, "bob", false, Set.of(),
                        Set.of(Permission.SEND_MESSAGES)));
        assertThat(tuples.written).contains(Tuple.of("channel", "102", "member_deny_send_messages", "user", "bob"));
        assertThat(tuples.deleted).allMatch(t -> t.relation().startsWith("member_") && t.subjectId().equals("bob"));
    }

    @Test
    void replacingAnOverwriteDropsWhatTheOldOneHeld() {
        fixture.givenAPublished(created())
                .andThenAPublished(overwrite(OverwriteTargetType.ROLE, "500", false, Set.of(Permission.VIEW_CHANNELS),
                        Set.of()))
                .whenPublishingA(overwrite(OverwriteTargetType.ROLE, "500", false, Set.of(),
                        Set.of(Permission.VIEW_CHANNELS)));
        assertThat(tuples.written)
                .contains(Tuple.ofSet("channel", "102", "role_deny_view_channels", "role", "500", "assignee"))
                .doesNotContain(Tuple.ofSet("channel", "102", "role_allow_view_channels", "role", "500", "assignee"));
    }

    @Test
    void removingAnOverwriteDeletesEveryRelationshipOfItsTargetOnTheChannel() {
        fixture.givenAPublished(created())
                .andThenAPublished(overwrite(OverwriteTargetType.MEMBER, "bob", false, Set.of(Permission.ATTACH_FILES),
                        Set.of(Permission.SEND_MESSAGES)))
                .andThenAPublished(overwrite(OverwriteTargetType.ROLE, "500", false, Set.of(),
                        Set.of(Permission.SEND_MESSAGES)))
                .whenPublishingA(new ChannelPermissionOverwriteRemovedEvent(GENERAL, SERVER,
                        OverwriteTargetType.MEMBER, "bob", false, ALICE));
        assertThat(tuples.written).noneMatch(t -> "bob".equals(t.subjectId()) && t.entityType().equals("channel"))
                .contains(Tuple.ofSet("channel", "102", "role_deny_send_messages", "role", "500", "assignee"));
    }

    static final class RecordingTuples implements PermissionTuples {
        final List<Tuple> written = new ArrayList<>();
        final List<Tuple> deleted = new ArrayList<>();
        final List<Tuple> writtenAsCreated = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        @Override
        public ChangeScope membersOf(String serverId) {
            log.add("membersOf " + serverId);
            return MEMBERS;
        }

        @Override
        public String write(List<Tuple> batch, ChangeScope within) {
            log.add("write within " + within);
            return write(batch);
        }

        @Override
        public String delete(List<Tuple> batch, ChangeScope within) {
            log.add("delete within " + within);
            return delete(batch);
        }

        @Override
        public String deleteMatching(TupleFilter filter, ChangeScope within) {
            log.add("deleteMatching within " + within);
            return deleteMatching(filter);
        }

        @Override
        public String write(List<Tuple> batch) {
            written.addAll(batch);
            return "snap";
        }

        @Override
        public String writeCreated(List<Tuple> batch) {
            writtenAsCreated.addAll(batch);
            return write(batch);
        }

        @Override
        public String delete(List<Tuple> batch) {
            written.removeAll(batch);
            deleted.addAll(batch);
            return "snap";
        }

        @Override
        public String deleteMatching(TupleFilter filter) {
            written.removeIf(filter::matches);
            return "snap";
        }
    }
}

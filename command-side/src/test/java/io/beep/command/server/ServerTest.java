package io.beep.command.server;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.CreateServerCommand;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import org.axonframework.commandhandling.CommandExecutionException;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.server.CheckOverwriteTargetCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.server.*;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

class ServerTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final RoleId EVERYONE = RoleId.of("101");
    private static final RoleId MODS = RoleId.of("500");
    private final CountingMemberships memberships = new CountingMemberships();
    private AggregateTestFixture<Server> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Server.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
        fixture.registerInjectableResource(memberships);
    }

    @Test
    void canCreateServerWithEveryoneDefaults() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "  Rust fans ", "all things rust", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), ChannelId.of("102")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ServerCreatedEvent(SERVER, "Rust fans", "all things rust", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), Permission.everyoneDefaults(), ChannelId.of("102"),
                        Snowflake.timeOf(SERVER.value())));
    }

    @Test
    void missingDescriptionBecomesEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "x", null, Visibility.PRIVATE, ALICE, RoleId.of("101"),
                        ChannelId.of("102")))
                .expectEvents(new ServerCreatedEvent(SERVER, "x", "", Visibility.PRIVATE, ALICE, RoleId.of("101"),
                        Permission.everyoneDefaults(), ChannelId.of("102"), Snowflake.timeOf(SERVER.value())));
    }

    @Test
    void cannotCreateServerWithBlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "   ", "", Visibility.PUBLIC, ALICE, RoleId.of("101"),
                        ChannelId.of("102")))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionMessage("name must not be empty");
    }

    @Test
    void cannotCreateServerWithAControlCharacterInItsName() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "nul\u0000name", "", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), ChannelId.of("102")))
                .expectNoEvents()
                .expectExceptionMessage("name must not contain control characters");
    }

    @Test
    void cannotCreateServerWithOverlongName() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "n".repeat(101), "", Visibility.PUBLIC, ALICE,
                        RoleId.of("101"), ChannelId.of("102")))
                .expectNoEvents()
                .expectExceptionMessage("name must be at most 100 characters");
    }

    @Test
    void cannotCreateServerWithoutVisibility() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "ok", "", null, ALICE, RoleId.of("101"), ChannelId.of("102")))
                .expectNoEvents()
                .expectExceptionMessage("visibility is required");
    }

    private static ServerCreatedEvent created(Visibility visibility) {
        return new ServerCreatedEvent(SERVER, "s", "", visibility, ALICE, EVERYONE, Permission.everyoneDefaults(),
                ChannelId.of("102"), Snowflake.timeOf(SERVER.value()));
    }

    private static MemberJoinedEvent joined(UserId user) {
        return new MemberJoinedEvent(SERVER, user, Instant.EPOCH);
    }

    @Test
    void creatingAServerCountsTowardsTheOwnersLimit() {
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "x", null, Visibility.PRIVATE, ALICE, EVERYONE,
                        ChannelId.of("102")))
                .expectSuccessfulHandlerExecution();
        assertThat(memberships.servers(ALICE)).containsExactly(SERVER);
    }

    @Test
    void cannotCreateAServerWhenAlreadyInFifty() {
        memberships.fill(ALICE, ServerMemberships.LIMIT);
        fixture.givenNoPriorActivity()
                .when(new CreateServerCommand(SERVER, "x", null, Visibility.PRIVATE, ALICE, EVERYONE,
                        ChannelId.of("102")))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectException(hasCode(ErrorCode.SERVER_LIMIT_REACHED));
    }

    @Test
    void canJoinAPublicServer() {
        fixture.given(created(Visibility.PUBLIC))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(e -> e instanceof MemberJoinedEvent j && j.userId().equals(BOB)),
                        andNoMore())))
                .expectResultMessagePayloadMatching(matches(v -> ((ServerView) v).memberCount() == 2));
        assertThat(memberships.servers(BOB)).containsExactly(SERVER);
    }

    @Test
    void joiningAgainChangesNothing() {
        fixture.given(created(Visibility.PUBLIC), joined(BOB))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotJoinAPrivateServer() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void cannotJoinTheFiftyFirstServer() {
        memberships.fill(BOB, ServerMemberships.LIMIT);
        fixture.given(created(Visibility.PUBLIC))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.SERVER_LIMIT_REACHED));
    }

    @Test
    void cannotJoinWhenBanned() {
        fixture.given(created(Visibility.PUBLIC), new MemberBannedEvent(SERVER, BOB, ALICE, "", false, Set.of(),
                        Instant.EPOCH))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void canJoinAgainOnceUnbanned() {
        fixture.given(created(Visibility.PUBLIC), new MemberBannedEvent(SERVER, BOB, ALICE, "", false, Set.of(),
                        Instant.EPOCH), new MemberUnbannedEvent(SERVER, BOB, ALICE))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void leavingCarriesTheRolesHeldAndFreesASlot() {
        memberships.reserve(BOB, SERVER);
        fixture.given(created(Visibility.PUBLIC), joined(BOB), roleCreated(), new RoleAssignedEvent(SERVER, MODS, BOB,
                        ALICE))
                .when(new LeaveServerCommand(SERVER, BOB))
                .expectEvents(new MemberLeftEvent(SERVER, BOB, Set.of(MODS)));
        assertThat(memberships.servers(BOB)).isEmpty();
    }

    @Test
    void ownerCannotLeave() {
        fixture.given(created(Visibility.PUBLIC))
                .when(new LeaveServerCommand(SERVER, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.OWNER_CANNOT_LEAVE));
    }

    @Test
    void nonMemberCannotLeave() {
        fixture.given(created(Visibility.PUBLIC))
                .when(new LeaveServerCommand(SERVER, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void canKickAMember() {
        fixture.given(created(Visibility.PUBLIC), joined(BOB))
                .when(new KickMemberCommand(SERVER, BOB, ALICE))
                .expectEvents(new MemberKickedEvent(SERVER, BOB, ALICE, Set.of()));
    }

    @Test
    void cannotKickTheOwner() {
        fixture.given(created(Visibility.PUBLIC), joined(BOB))
                .when(new KickMemberCommand(SERVER, ALICE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void banningAMemberRemovesThemAndBanningAgainChangesNothing() {
        fixture.given(created(Visibility.PUBLIC), joined(BOB))
                .when(new BanMemberCommand(SERVER, BOB, ALICE, "spam"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(e -> e instanceof MemberBannedEvent b && b.wasMember()
                                && b.reason().equals("spam")),
                        andNoMore())));
        fixture.given(created(Visibility.PUBLIC), new MemberBannedEvent(SERVER, BOB, ALICE, "", true, Set.of(),
                        Instant.EPOCH))
                .when(new BanMemberCommand(SERVER, BOB, ALICE, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unbanningSomeoneNotBannedIsNotFound() {
        fixture.given(created(Visibility.PUBLIC))
                .when(new UnbanMemberCommand(SERVER, BOB, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    private static RoleCreatedEvent roleCreated() {
        return new RoleCreatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_CHANNELS), ALICE);
    }

    @Test
    void theEveryoneRoleIsAnOverwriteTargetMarkedAsEveryone() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.ROLE, EVERYONE.value()))
                .expectNoEvents()
                .expectResultMessagePayload(true);
    }

    @Test
    void anOrdinaryRoleIsAnOverwriteTargetNotMarkedAsEveryone() {
        fixture.given(created(Visibility.PRIVATE), roleCreated())
                .when(new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.ROLE, MODS.value()))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aRoleOfAnotherServerIsNoOverwriteTarget() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.ROLE, "999"))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void aMemberIsAnOverwriteTargetButANonMemberIsNot() {
        fixture.given(created(Visibility.PRIVATE), joined(BOB))
                .when(new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.MEMBER, BOB.value()))
                .expectResultMessagePayload(false);
        fixture.given(created(Visibility.PRIVATE))
                .when(new CheckOverwriteTargetCommand(SERVER, OverwriteTargetType.MEMBER, CAROL.value()))
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void canCreateARole() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new CreateRoleCommand(SERVER, MODS, " mods ", Set.of(Permission.MANAGE_CHANNELS), ALICE))
                .expectEvents(roleCreated());
    }

    @Test
    void cannotCreateARoleWithAnOverlongName() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new CreateRoleCommand(SERVER, MODS, "r".repeat(101), Set.of(), ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void updatingARoleCarriesItsWholeNewState() {
        fixture.given(created(Visibility.PRIVATE), roleCreated())
                .when(new UpdateRoleCommand(SERVER, MODS, null, Set.of(Permission.MANAGE_ROLES), ALICE))
                .expectEvents(new RoleUpdatedEvent(SERVER, MODS, "mods", Set.of(Permission.MANAGE_ROLES), ALICE));
    }

    @Test
    void everyoneRoleCanChangePermissionsButNotBeDeletedOrAssigned() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new UpdateRoleCommand(SERVER, EVERYONE, null, Set.of(Permission.VIEW_CHANNELS), ALICE))
                .expectEvents(new RoleUpdatedEvent(SERVER, EVERYONE, "@everyone", Set.of(Permission.VIEW_CHANNELS),
                        ALICE));
        fixture.given(created(Visibility.PRIVATE))
                .when(new DeleteRoleCommand(SERVER, EVERYONE, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
        fixture.given(created(Visibility.PRIVATE), joined(BOB))
                .when(new AssignRoleCommand(SERVER, EVERYONE, BOB, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void canAssignAndRemoveARoleOnlyForMembers() {
        fixture.given(created(Visibility.PRIVATE), joined(BOB), roleCreated())
                .when(new AssignRoleCommand(SERVER, MODS, BOB, ALICE))
                .expectEvents(new RoleAssignedEvent(SERVER, MODS, BOB, ALICE));
        fixture.given(created(Visibility.PRIVATE), joined(BOB), roleCreated(),
                        new RoleAssignedEvent(SERVER, MODS, BOB, ALICE))
                .when(new RemoveRoleCommand(SERVER, MODS, BOB, ALICE))
                .expectEvents(new RoleRemovedEvent(SERVER, MODS, BOB, ALICE));
        fixture.given(created(Visibility.PRIVATE), roleCreated())
                .when(new AssignRoleCommand(SERVER, MODS, CAROL, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void deletingARoleRecordsItsNameAtThatMoment() {
        fixture.given(created(Visibility.PRIVATE), roleCreated(),
                        new RoleUpdatedEvent(SERVER, MODS, "moderators", Set.of(), ALICE))
                .when(new DeleteRoleCommand(SERVER, MODS, ALICE))
                .expectEvents(new RoleDeletedEvent(SERVER, MODS, ALICE, "moderators"));
    }

    @Test
    void deletedRoleIsNoLongerHeldAndCannotBeAssigned() {
        fixture.given(created(Visibility.PRIVATE), joined(BOB), roleCreated(),
                        new RoleAssignedEvent(SERVER, MODS, BOB, ALICE), new RoleDeletedEvent(SERVER, MODS, ALICE, "mods"))
                .when(new LeaveServerCommand(SERVER, BOB))
                .expectEvents(new MemberLeftEvent(SERVER, BOB, Set.of()));
        fixture.given(created(Visibility.PRIVATE), joined(BOB), roleCreated(), new RoleDeletedEvent(SERVER, MODS, ALICE, "mods"))
                .when(new AssignRoleCommand(SERVER, MODS, BOB, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void deletingAServerFreesEveryMembersSlotAndLaterCommandsAreNotFound() {
        memberships.reserve(ALICE, SERVER);
        memberships.reserve(BOB, SERVER);
        fixture.given(created(Visibility.PUBLIC), joined(BOB))
                .when(new DeleteServerCommand(SERVER, ALICE))
                .expectEvents(new ServerDeletedEvent(SERVER, ALICE, Set.of(ALICE, BOB), Set.of(EVERYONE)));
        assertThat(memberships.servers(ALICE)).isEmpty();
        assertThat(memberships.servers(BOB)).isEmpty();
        fixture.given(created(Visibility.PUBLIC), new ServerDeletedEvent(SERVER, ALICE, Set.of(ALICE), Set.of()))
                .when(new JoinServerCommand(SERVER, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void updatingAServerKeepsAbsentFields() {
        fixture.given(created(Visibility.PRIVATE))
                .when(new UpdateServerCommand(SERVER, null, "new words", Visibility.PUBLIC, ALICE))
                .expectEvents(new ServerUpdatedEvent(SERVER, "s", "new words", Visibility.PUBLIC, ALICE));
    }

    private static Matcher<Object> hasCode(ErrorCode code) {
        return matches(e -> e instanceof CommandExecutionException c && c.getDetails()
                .filter(d -> d instanceof DomainErrorDetails details && details.code() == code).isPresent());
    }

    private static <T> Matcher<T> matches(java.util.function.Predicate<Object> predicate) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return predicate.test(item);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a matching value");
            }
        };
    }

    /** The membership set in memory, with the same limit rule as the database one. */
    static final class CountingMemberships implements ServerMemberships {
        private final Map<UserId, Set<ServerId>> byUser = new HashMap<>();

        @Override
        public void reserve(UserId user, ServerId server) {
            var servers = byUser.computeIfAbsent(user, u -> new HashSet<>());
            if (!servers.contains(server) && servers.size() >= LIMIT) {
                throw new DomainException(ErrorCode.SERVER_LIMIT_REACHED, "limit");
            }
            servers.add(server);
        }

        @Override
        public void release(UserId user, ServerId server) {
            byUser.getOrDefault(user, new HashSet<>()).remove(server);
        }

        @Override
        public void releaseAll(ServerId server) {
            byUser.values().forEach(s -> s.remove(server));
        }

        Set<ServerId> servers(UserId user) {
            return byUser.getOrDefault(user, Set.of());
        }

        void fill(UserId user, int count) {
            for (int i = 0; i < count; i++) {
                reserve(user, ServerId.of("9" + i));
            }
        }
    }
}

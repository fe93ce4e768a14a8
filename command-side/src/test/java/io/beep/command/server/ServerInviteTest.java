package io.beep.command.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.AcceptInviteCommand;
import io.beep.contracts.server.CreateInviteCommand;
import io.beep.contracts.server.DeclineInviteCommand;
import io.beep.contracts.server.InviteCreatedEvent;
import io.beep.contracts.server.InviteDeclinedEvent;
import io.beep.contracts.server.InviteRevokedEvent;
import io.beep.contracts.server.InviteUsedEvent;
import io.beep.contracts.server.InviteView;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.RevokeInviteCommand;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invitations on the server aggregate: creation limits, accepting, expiry, use limits, bans, decline, revoke. */
class ServerInviteTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");
    private static final String CODE = "AbCdEf2345";

    private final ServerTest.CountingMemberships memberships = new ServerTest.CountingMemberships();
    private final RecordingCodes codes = new RecordingCodes();
    private AggregateTestFixture<Server> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Server.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
        fixture.registerInjectableResource(memberships);
        fixture.registerInjectableResource(codes);
    }

    private static ServerCreatedEvent created() {
        return new ServerCreatedEvent(SERVER, "s", "", Visibility.PRIVATE, ALICE, RoleId.of("101"),
                Permission.everyoneDefaults(), ChannelId.of("102"), Snowflake.timeOf(SERVER.value()));
    }

    private static InviteCreatedEvent link(Instant expiresAt, Integer maxUses) {
        return new InviteCreatedEvent(SERVER, CODE, ALICE, Instant.EPOCH, expiresAt, maxUses, null);
    }

    private static InviteCreatedEvent personal(UserId target) {
        return new InviteCreatedEvent(SERVER, CODE, ALICE, Instant.EPOCH, null, 1, target);
    }

    @Test
    void canCreateALinkThatExpiresAndRegistersItsCode() {
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, 3600L, 5, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(matches(r -> r instanceof InviteView v && v.code().equals(CODE)
                        && v.maxUses() == 5 && v.uses() == 0 && v.expiresAt() != null))
                .expectEventsMatching(singleEvent(e -> e instanceof InviteCreatedEvent i && i.code().equals(CODE)
                        && i.maxUses() == 5 && i.expiresAt().isAfter(Instant.now().plusSeconds(3500))));
        assertThat(codes.codes).containsEntry(CODE, SERVER);
    }

    @Test
    void zeroMeansNeverExpiresAndUnlimited() {
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, 0L, 0, null))
                .expectEventsMatching(singleEvent(e -> e instanceof InviteCreatedEvent i && i.expiresAt() == null
                        && i.maxUses() == null));
    }

    @Test
    void cannotCreateAnInviteWithOutOfRangeLimits() {
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, -1L, null, null))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, 60L, 101, null))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void personalInviteIsSingleUseAndRefusedForMembers() {
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, 60L, 10, BOB))
                .expectEventsMatching(singleEvent(e -> e instanceof InviteCreatedEvent i && BOB.equals(i.targetUserId())
                        && i.maxUses() == 1));
        fixture.given(created())
                .when(new CreateInviteCommand(SERVER, CODE, ALICE, 60L, null, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void acceptingJoinsAPrivateServerAndCountsAUse() {
        fixture.given(created(), link(null, 2))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                matches(e -> e instanceof MemberJoinedEvent j && j.userId().equals(BOB)),
                                matches(e -> e instanceof InviteUsedEvent u && u.userId().equals(BOB) && u.uses() == 1),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
        assertThat(memberships.servers(BOB)).containsExactly(SERVER);
    }

    @Test
    void aUsedUpLinkIsRefused() {
        fixture.given(created(), link(null, 1), new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH),
                        new InviteUsedEvent(SERVER, CODE, BOB, 1))
                .when(new AcceptInviteCommand(SERVER, CODE, CAROL))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.INVITE_USED_UP));
    }

    @Test
    void anExpiredLinkIsRefused() {
        fixture.given(created(), link(Instant.now().minusSeconds(1), null))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.INVITE_EXPIRED));
    }

    @Test
    void aBannedUserCannotJoinThroughAnyInvite() {
        fixture.given(created(), link(null, null),
                        new MemberBannedEvent(SERVER, BOB, ALICE, "", false, Set.of(), Instant.EPOCH))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void acceptingCountsTowardsTheServerLimit() {
        memberships.fill(BOB, ServerMemberships.LIMIT);
        fixture.given(created(), link(null, null))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.SERVER_LIMIT_REACHED));
    }

    @Test
    void aMemberAcceptingChangesNothingEvenWhenTheLinkIsUsedUp() {
        fixture.given(created(), link(null, 1), new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH),
                        new InviteUsedEvent(SERVER, CODE, BOB, 1))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), link(null, 1))
                .when(new AcceptInviteCommand(SERVER, CODE, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPersonalInviteIsOnlyForItsTarget() {
        fixture.given(created(), personal(BOB))
                .when(new AcceptInviteCommand(SERVER, CODE, CAROL))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
        fixture.given(created(), personal(BOB))
                .when(new DeclineInviteCommand(SERVER, CODE, CAROL))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void theTargetCanDeclineAndThenItIsGone() {
        fixture.given(created(), personal(BOB))
                .when(new DeclineInviteCommand(SERVER, CODE, BOB))
                .expectEvents(new InviteDeclinedEvent(SERVER, CODE, BOB));
        fixture.given(created(), personal(BOB), new InviteDeclinedEvent(SERVER, CODE, BOB))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void onlyItsCreatorOrAnInviteManagerCanRevoke() {
        fixture.given(created(), link(null, null))
                .when(new RevokeInviteCommand(SERVER, CODE, BOB, false))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.MISSING_PERMISSION));
        fixture.given(created(), link(null, null))
                .when(new RevokeInviteCommand(SERVER, CODE, BOB, true))
                .expectEvents(new InviteRevokedEvent(SERVER, CODE, BOB));
        fixture.given(created(), link(null, null))
                .when(new RevokeInviteCommand(SERVER, CODE, ALICE, false))
                .expectEvents(new InviteRevokedEvent(SERVER, CODE, ALICE));
    }

    @Test
    void aRevokedInviteCannotBeAccepted() {
        fixture.given(created(), link(null, null), new InviteRevokedEvent(SERVER, CODE, ALICE))
                .when(new AcceptInviteCommand(SERVER, CODE, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    private static Matcher<List<org.axonframework.messaging.Message<?>>> singleEvent(
            Predicate<Object> predicate) {
        return org.axonframework.test.matchers.Matchers.payloadsMatching(
                org.axonframework.test.matchers.Matchers.exactSequenceOf(matches(predicate),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    static Matcher<Object> hasCode(ErrorCode code) {
        return matches(e -> e instanceof CommandExecutionException c && c.getDetails()
                .filter(d -> d instanceof DomainErrorDetails details && details.code() == code).isPresent());
    }

    static <T> Matcher<T> matches(Predicate<Object> predicate) {
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

    /** Codes in memory. */
    static final class RecordingCodes implements InviteCodes {
        final Map<String, ServerId> codes = new HashMap<>();

        @Override
        public void register(String code, ServerId server) {
            if (codes.putIfAbsent(code, server) != null) {
                throw new DomainException(ErrorCode.CONFLICT, "taken");
            }
        }

        @Override
        public Optional<ServerId> serverOf(String code) {
            return Optional.ofNullable(codes.get(code));
        }
    }
}

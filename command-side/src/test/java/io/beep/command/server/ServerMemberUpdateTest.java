package io.beep.command.server;

import static io.beep.command.server.ServerInviteTest.hasCode;
import static io.beep.command.server.ServerInviteTest.matches;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.ExpireMuteCommand;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberNicknameChangedEvent;
import io.beep.contracts.server.MemberUnmutedEvent;
import io.beep.contracts.server.MemberView;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.UpdateMemberCommand;
import io.beep.contracts.server.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nicknames and timed mutes on the server aggregate, and the scheduled end of a mute. */
class ServerMemberUpdateTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");

    private final RecordingSchedule schedule = new RecordingSchedule();
    private AggregateTestFixture<Server> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Server.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
        fixture.registerInjectableResource(new ServerTest.CountingMemberships());
        fixture.registerInjectableResource(schedule);
    }

    private static ServerCreatedEvent created() {
        return new ServerCreatedEvent(SERVER, "s", "", Visibility.PUBLIC, ALICE, RoleId.of("101"),
                Permission.everyoneDefaults(), ChannelId.of("102"), Snowflake.timeOf(SERVER.value()));
    }

    private static MemberJoinedEvent bobJoined() {
        return new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH);
    }

    @Test
    void canSetAndClearANickname() {
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, BOB, true, "  Bobby ", false, null, BOB))
                .expectEvents(new MemberNicknameChangedEvent(SERVER, BOB, "Bobby", BOB))
                .expectResultMessagePayloadMatching(matches(r -> r instanceof MemberView v && "Bobby".equals(v.nickname())
                        && Instant.EPOCH.equals(v.joinedAt())));
        fixture.given(created(), bobJoined(), new MemberNicknameChangedEvent(SERVER, BOB, "Bobby", BOB))
                .when(new UpdateMemberCommand(SERVER, BOB, true, null, false, null, ALICE))
                .expectEvents(new MemberNicknameChangedEvent(SERVER, BOB, null, ALICE));
    }

    @Test
    void cannotSetAnOverlongNicknameNorNameANonMember() {
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, BOB, true, "x".repeat(33), false, null, BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
        fixture.given(created())
                .when(new UpdateMemberCommand(SERVER, CAROL, true, "c", false, null, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.NOT_FOUND));
    }

    @Test
    void canMuteAMemberUntilATimeAndScheduleItsEnd() {
        var until = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, BOB, false, null, true, until, ALICE))
                .expectEvents(new MemberMutedEvent(SERVER, BOB, until, ALICE))
                .expectResultMessagePayloadMatching(matches(r -> r instanceof MemberView v && until.equals(v.mutedUntil())));
        assertThat(schedule.ends).containsEntry(BOB, until);
    }

    @Test
    void aFailingMuteChangesNoNicknameEither() {
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, BOB, true, "Bobby", true, Instant.now().minusSeconds(5), ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, BOB, false, null, true, Instant.now().plus(Duration.ofDays(29)),
                        ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void cannotMuteTheOwner() {
        fixture.given(created(), bobJoined())
                .when(new UpdateMemberCommand(SERVER, ALICE, false, null, true, Instant.now().plusSeconds(60), BOB))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.FORBIDDEN));
    }

    @Test
    void aModeratorCanUnmuteEarlyAndTheScheduleIsDropped() {
        var until = Instant.now().plusSeconds(600);
        schedule.ends.put(BOB, until);
        fixture.given(created(), bobJoined(), new MemberMutedEvent(SERVER, BOB, until, ALICE))
                .when(new UpdateMemberCommand(SERVER, BOB, false, null, true, null, ALICE))
                .expectEvents(new MemberUnmutedEvent(SERVER, BOB, ALICE));
        assertThat(schedule.ends).doesNotContainKey(BOB);
    }

    @Test
    void aMuteEndsWhenItsTimeHasCome() {
        var until = Instant.now().minusMillis(1);
        fixture.given(created(), bobJoined(), new MemberMutedEvent(SERVER, BOB, until, ALICE))
                .when(new ExpireMuteCommand(SERVER, BOB, until))
                .expectEvents(new MemberUnmutedEvent(SERVER, BOB, null));
    }

    @Test
    void anExpiryOfAReplacedOrEndedMuteChangesNothing() {
        var first = Instant.now().minusSeconds(1);
        var later = Instant.now().plusSeconds(600);
        fixture.given(created(), bobJoined(), new MemberMutedEvent(SERVER, BOB, first, ALICE),
                        new MemberMutedEvent(SERVER, BOB, later, ALICE))
                .when(new ExpireMuteCommand(SERVER, BOB, first))
                .expectNoEvents();
        fixture.given(created(), bobJoined(), new MemberMutedEvent(SERVER, BOB, first, ALICE),
                        new MemberLeftEvent(SERVER, BOB, Set.of()))
                .when(new ExpireMuteCommand(SERVER, BOB, first))
                .expectNoEvents();
    }

    @Test
    void anExpiryBeforeItsTimeChangesNothing() {
        var until = Instant.now().plusSeconds(600);
        fixture.given(created(), bobJoined(), new MemberMutedEvent(SERVER, BOB, until, ALICE))
                .when(new ExpireMuteCommand(SERVER, BOB, until))
                .expectNoEvents();
    }

    /** Scheduled mute ends in memory. */
    static final class RecordingSchedule implements MuteSchedule {
        final Map<UserId, Instant> ends = new HashMap<>();

        @Override
        public void schedule(ServerId server, UserId user, Instant until) {
            ends.put(user, until);
        }

        @Override
        public void cancel(ServerId server, UserId user) {
            ends.remove(user);
        }
    }
}

package io.beep.command.friendship;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.EndFriendshipCommand;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendRequestCancelledEvent;
import io.beep.contracts.friendship.FriendRequestDeclinedEvent;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendRequestSentEvent;
import io.beep.contracts.friendship.FriendshipId;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account-deletion saga's step: ending whatever a deleted user had with someone. */
class EndFriendshipTest {

    private static final UserId ALICE = UserId.of("a-alice");
    private static final UserId BOB = UserId.of("b-bob");
    private static final FriendshipId PAIR = FriendshipId.of(ALICE, BOB);
    private static final FriendRequestId REQUEST = FriendRequestId.of("1000");
    private static final ChannelId DM = ChannelId.of("3000");

    private AggregateTestFixture<Friendship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Friendship.class);
        fixture.registerInjectableResource(new FriendshipTest.MemoryIndex());
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    private static FriendRequestSentEvent aliceAsksBob() {
        return new FriendRequestSentEvent(PAIR, REQUEST, ALICE, BOB, Snowflake.timeOf(REQUEST.value()));
    }

    @Test
    void friendsOfADeletedUserAreNoLongerFriends() {
        fixture.given(aliceAsksBob(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, Instant.EPOCH))
                .when(new EndFriendshipCommand(PAIR, BOB))
                .expectEvents(new FriendRemovedEvent(PAIR, BOB, ALICE, DM));
    }

    @Test
    void aRequestTheDeletedUserSentIsCancelled() {
        fixture.given(aliceAsksBob())
                .when(new EndFriendshipCommand(PAIR, ALICE))
                .expectEvents(new FriendRequestCancelledEvent(PAIR, REQUEST, ALICE, BOB));
    }

    @Test
    void aRequestTheDeletedUserReceivedIsDeclined() {
        fixture.given(aliceAsksBob())
                .when(new EndFriendshipCommand(PAIR, BOB))
                .expectEvents(new FriendRequestDeclinedEvent(PAIR, REQUEST, ALICE, BOB));
    }

    @Test
    void endingTwiceChangesNothingTheSecondTime() {
        fixture.given(aliceAsksBob(), new FriendRequestCancelledEvent(PAIR, REQUEST, ALICE, BOB))
                .when(new EndFriendshipCommand(PAIR, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void someoneOutsideThePairCannotEndIt() {
        fixture.given(aliceAsksBob())
                .when(new EndFriendshipCommand(PAIR, UserId.of("c-carol")))
                .expectException(org.axonframework.commandhandling.CommandExecutionException.class)
                .expectNoEvents();
    }
}

package io.beep.command.friendship;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.DomainErrorDetails;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.AcceptFriendRequestCommand;
import io.beep.contracts.friendship.CancelFriendRequestCommand;
import io.beep.contracts.friendship.DeclineFriendRequestCommand;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendRequestCancelledEvent;
import io.beep.contracts.friendship.FriendRequestDeclinedEvent;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendRequestSentEvent;
import io.beep.contracts.friendship.FriendRequestView;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.friendship.RemoveFriendCommand;
import io.beep.contracts.friendship.SendFriendRequestCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FriendshipTest {

    private static final UserId ALICE = UserId.of("a-alice");
    private static final UserId BOB = UserId.of("b-bob");
    private static final FriendshipId PAIR = FriendshipId.of(ALICE, BOB);
    private static final FriendRequestId REQUEST = FriendRequestId.of("1000");
    private static final FriendRequestId OTHER_REQUEST = FriendRequestId.of("2000");
    private static final ChannelId DM = ChannelId.of("3000");
    private static final ChannelId OTHER_DM = ChannelId.of("4000");

    private final MemoryIndex index = new MemoryIndex();
    private AggregateTestFixture<Friendship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Friendship.class);
        fixture.registerInjectableResource(index);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    private static FriendRequestSentEvent sent() {
        return new FriendRequestSentEvent(PAIR, REQUEST, ALICE, BOB, Snowflake.timeOf(REQUEST.value()));
    }

    @Test
    void pairIdIsTheSameWhoeverAsks() {
        assertThat(FriendshipId.of(BOB, ALICE)).isEqualTo(PAIR);
        assertThat(PAIR.other(ALICE)).isEqualTo(BOB);
    }

    @Test
    void canSendRequestToSomeoneNew() {
        fixture.givenNoPriorActivity()
                .when(new SendFriendRequestCommand(PAIR, REQUEST, ALICE, BOB, DM))
                .expectEvents(sent())
                .expectResultMessagePayload(new FriendRequestView(REQUEST.value(), ALICE.value(), BOB.value(),
                        "pending", null, Snowflake.timeOf(REQUEST.value())));
        assertThat(index.find(REQUEST)).contains(PAIR);
    }

    @Test
    void repeatedRequestChangesNothingAndAnswersTheFirst() {
        fixture.given(sent())
                .when(new SendFriendRequestCommand(PAIR, OTHER_REQUEST, ALICE, BOB, DM))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(status("pending", REQUEST));
        assertThat(index.find(OTHER_REQUEST)).isEmpty();
    }

    @Test
    void crossingRequestAcceptsTheOtherOne() {
        fixture.given(sent())
                .when(new SendFriendRequestCommand(PAIR, OTHER_REQUEST, BOB, ALICE, DM))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        accepted(DM), Matchers.andNoMore())))
                .expectResultMessagePayloadMatching(status("accepted", REQUEST));
    }

    @Test
    void addresseeCanAccept() {
        fixture.given(sent())
                .when(new AcceptFriendRequestCommand(PAIR, REQUEST, BOB, DM))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        accepted(DM), Matchers.andNoMore())));
    }

    @Test
    void repeatedAcceptChangesNothing() {
        fixture.given(sent(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, null))
                .when(new AcceptFriendRequestCommand(PAIR, REQUEST, BOB, OTHER_DM))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(status("accepted", REQUEST));
    }

    @Test
    void senderCannotAcceptOwnRequestOnceAccepted() {
        fixture.given(sent(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, null))
                .when(new AcceptFriendRequestCommand(PAIR, REQUEST, ALICE, OTHER_DM))
                .expectNoEvents()
                .expectException(failure(ErrorCode.FORBIDDEN));
    }

    @Test
    void cannotAcceptOwnRequest() {
        fixture.given(sent())
                .when(new AcceptFriendRequestCommand(PAIR, REQUEST, ALICE, DM))
                .expectNoEvents()
                .expectException(failure(ErrorCode.FORBIDDEN));
    }

    @Test
    void becomingFriendsAgainReusesTheDmChannel() {
        fixture.given(sent(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, null),
                        new FriendRemovedEvent(PAIR, ALICE, BOB, DM),
                        new FriendRequestSentEvent(PAIR, OTHER_REQUEST, BOB, ALICE, null))
                .when(new AcceptFriendRequestCommand(PAIR, OTHER_REQUEST, ALICE, OTHER_DM))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        matching("reuses DM",
                                e -> ((FriendRequestAcceptedEvent) e).dmChannelId().equals(DM)), Matchers.andNoMore())));
    }

    @Test
    void cannotRequestWhileFriends() {
        fixture.given(sent(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, null))
                .when(new SendFriendRequestCommand(PAIR, OTHER_REQUEST, BOB, ALICE, OTHER_DM))
                .expectNoEvents()
                .expectException(failure(ErrorCode.ALREADY_EXISTS));
    }

    @Test
    void addresseeCanDeclineButSenderCannot() {
        fixture.given(sent())
                .when(new DeclineFriendRequestCommand(PAIR, REQUEST, BOB))
                .expectEvents(new FriendRequestDeclinedEvent(PAIR, REQUEST, ALICE, BOB));
        fixture.given(sent())
                .when(new DeclineFriendRequestCommand(PAIR, REQUEST, ALICE))
                .expectNoEvents()
                .expectException(failure(ErrorCode.FORBIDDEN));
    }

    @Test
    void senderCanCancelButAddresseeCannot() {
        fixture.given(sent())
                .when(new CancelFriendRequestCommand(PAIR, REQUEST, ALICE))
                .expectEvents(new FriendRequestCancelledEvent(PAIR, REQUEST, ALICE, BOB));
        fixture.given(sent())
                .when(new CancelFriendRequestCommand(PAIR, REQUEST, BOB))
                .expectNoEvents()
                .expectException(failure(ErrorCode.FORBIDDEN));
    }

    @Test
    void cannotAcceptDeclinedRequest() {
        fixture.given(sent(), new FriendRequestDeclinedEvent(PAIR, REQUEST, ALICE, BOB))
                .when(new AcceptFriendRequestCommand(PAIR, REQUEST, BOB, DM))
                .expectNoEvents()
                .expectException(failure(ErrorCode.NOT_FOUND));
    }

    @Test
    void eitherFriendCanRemoveTheOther() {
        fixture.given(sent(), new FriendRequestAcceptedEvent(PAIR, REQUEST, ALICE, BOB, DM, null))
                .when(new RemoveFriendCommand(PAIR, BOB))
                .expectEvents(new FriendRemovedEvent(PAIR, BOB, ALICE, DM));
    }

    @Test
    void cannotRemoveSomeoneWhoIsNotAFriend() {
        fixture.given(sent())
                .when(new RemoveFriendCommand(PAIR, BOB))
                .expectNoEvents()
                .expectException(failure(ErrorCode.NOT_FOUND));
    }

    private static Matcher<Object> accepted(ChannelId dm) {
        return matching("accepted " + REQUEST + " with DM " + dm, item -> item instanceof FriendRequestAcceptedEvent e
                && e.requestId().equals(REQUEST) && e.fromUserId().equals(ALICE) && e.toUserId().equals(BOB)
                && e.dmChannelId().equals(dm));
    }

    private static Matcher<Object> status(String status, FriendRequestId id) {
        return matching(status + " request " + id, item -> item instanceof FriendRequestView v
                && v.status().equals(status) && v.id().equals(id.value()));
    }

    private static Matcher<Object> matching(String text, java.util.function.Predicate<Object> test) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return test.test(item);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(text);
            }
        };
    }

    private static Matcher<Object> failure(ErrorCode code) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof CommandExecutionException e && e.getDetails()
                        .filter(DomainErrorDetails.class::isInstance).map(DomainErrorDetails.class::cast)
                        .filter(d -> d.code() == code).isPresent();
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a domain failure " + code);
            }
        };
    }

    static final class MemoryIndex implements FriendRequestIndex {
        final Map<FriendRequestId, FriendshipId> rows = new HashMap<>();

        @Override
        public void record(FriendRequestId requestId, FriendshipId friendshipId) {
            rows.put(requestId, friendshipId);
        }

        @Override
        public Optional<FriendshipId> find(FriendRequestId requestId) {
            return Optional.ofNullable(rows.get(requestId));
        }
    }
}

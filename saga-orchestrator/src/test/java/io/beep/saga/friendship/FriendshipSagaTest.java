package io.beep.saga.friendship;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendshipId;
import io.beep.contracts.privatechannel.CreateDmChannelCommand;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FriendshipSagaTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final FriendshipId PAIR = FriendshipId.of(ALICE, BOB);
    private static final ChannelId DM = ChannelId.of("700");

    private final RecordingTuples tuples = new RecordingTuples();
    private SagaTestFixture<FriendshipSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(FriendshipSaga.class);
        fixture.registerResource(tuples);
    }

    private static FriendRequestAcceptedEvent accepted(String request) {
        return new FriendRequestAcceptedEvent(PAIR, FriendRequestId.of(request), ALICE, BOB, DM, Instant.EPOCH);
    }

    private static DmChannelCreatedEvent dmCreated() {
        return new DmChannelCreatedEvent(DM, ALICE, BOB, Instant.EPOCH);
    }

    @Test
    void acceptanceCreatesTheDmChannelWithTheIdItCarries() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(accepted("1"))
                .expectActiveSagas(1)
                .expectAssociationWith(FriendshipSaga.FRIENDSHIP_ID, PAIR.value())
                .expectAssociationWith(FriendshipSaga.CHANNEL_ID, DM.value())
                .expectDispatchedCommands(new CreateDmChannelCommand(DM, ALICE, BOB));
        assertThat(tuples.written).isEmpty();
    }

    @Test
    void dmCreationMakesBothFriendsRecipientsAndSenders() {
        fixture.givenAPublished(accepted("1"))
                .whenPublishingA(dmCreated())
                .expectNoDispatchedCommands();
        assertThat(tuples.written).containsExactlyInAnyOrder(
                Tuple.of("channel", "700", "recipient", "user", "alice"),
                Tuple.of("channel", "700", "recipient", "user", "bob"),
                Tuple.of("channel", "700", "sender", "user", "alice"),
                Tuple.of("channel", "700", "sender", "user", "bob"));
    }

    @Test
    void removingTheFriendTakesAwayPostingButNotReading() {
        fixture.givenAPublished(accepted("1")).andThenAPublished(dmCreated())
                .whenPublishingA(new FriendRemovedEvent(PAIR, BOB, ALICE, DM))
                .expectNoDispatchedCommands();
        assertThat(tuples.deleted).containsExactlyInAnyOrder(
                Tuple.of("channel", "700", "sender", "user", "alice"),
                Tuple.of("channel", "700", "sender", "user", "bob"));
    }

    @Test
    void removalBeforeTheDmExistsLeavesItReadOnly() {
        fixture.givenAPublished(accepted("1")).andThenAPublished(new FriendRemovedEvent(PAIR, BOB, ALICE, DM))
                .whenPublishingA(dmCreated())
                .expectNoDispatchedCommands();
        assertThat(tuples.written).containsExactlyInAnyOrder(
                Tuple.of("channel", "700", "recipient", "user", "alice"),
                Tuple.of("channel", "700", "recipient", "user", "bob"));
    }

    @Test
    void becomingFriendsAgainRestoresPostingWithoutASecondChannel() {
        fixture.givenAPublished(accepted("1")).andThenAPublished(dmCreated())
                .andThenAPublished(new FriendRemovedEvent(PAIR, BOB, ALICE, DM))
                .whenPublishingA(accepted("2"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        assertThat(tuples.written).endsWith(
                Tuple.of("channel", "700", "sender", "user", "alice"),
                Tuple.of("channel", "700", "sender", "user", "bob"));
    }

    static final class RecordingTuples implements PermissionTuples {
        final List<Tuple> written = new ArrayList<>();
        final List<Tuple> deleted = new ArrayList<>();

        @Override
        public String write(List<Tuple> batch) {
            written.addAll(batch);
            return "t";
        }

        @Override
        public String delete(List<Tuple> batch) {
            deleted.addAll(batch);
            return "t";
        }

        @Override
        public String deleteMatching(TupleFilter filter) {
            return "t";
        }
    }
}

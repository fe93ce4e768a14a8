package io.beep.saga.privatechannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import io.beep.contracts.privatechannel.RecipientAddedEvent;
import io.beep.contracts.privatechannel.RecipientRemovedEvent;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import io.beep.saga.platform.authz.TupleFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupChannelSagaTest {

    private static final ChannelId GROUP = ChannelId.of("800");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final UserId CAROL = UserId.of("carol");

    private final RecordingTuples tuples = new RecordingTuples();
    private SagaTestFixture<GroupChannelSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(GroupChannelSaga.class);
        fixture.registerResource(tuples);
    }

    private static GroupChannelCreatedEvent created() {
        return new GroupChannelCreatedEvent(GROUP, ALICE, "trio", List.of(BOB), Instant.EPOCH);
    }

    @Test
    void creationWritesOwnerAndEveryMemberAsRecipientAndSender() {
        fixture.givenNoPriorActivity().whenPublishingA(created()).expectActiveSagas(1);
        assertThat(tuples.written).containsExactlyInAnyOrder(
                Tuple.of("channel", "800", "owner", "user", "alice"),
                Tuple.of("channel", "800", "recipient", "user", "alice"),
                Tuple.of("channel", "800", "sender", "user", "alice"),
                Tuple.of("channel", "800", "recipient", "user", "bob"),
                Tuple.of("channel", "800", "sender", "user", "bob"));
    }

    @Test
    void addedRecipientCanReadAndPost() {
        fixture.givenAPublished(created()).whenPublishingA(new RecipientAddedEvent(GROUP, CAROL, ALICE));
        assertThat(tuples.written).endsWith(Tuple.of("channel", "800", "recipient", "user", "carol"),
                Tuple.of("channel", "800", "sender", "user", "carol"));
    }

    @Test
    void ownerLeavingLosesEverythingAndTheNewOwnerIsWritten() {
        fixture.givenAPublished(created()).whenPublishingA(new RecipientRemovedEvent(GROUP, ALICE, ALICE, BOB));
        assertThat(tuples.deleted).containsExactlyInAnyOrder(
                Tuple.of("channel", "800", "recipient", "user", "alice"),
                Tuple.of("channel", "800", "sender", "user", "alice"),
                Tuple.of("channel", "800", "owner", "user", "alice"));
        assertThat(tuples.written).endsWith(Tuple.of("channel", "800", "owner", "user", "bob"));
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

package io.beep.saga.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberUnmutedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.saga.platform.authz.Tuple;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relationships of mutes and of deleted channels. */
class ServerPermissionsSagaMembersAndChannelsTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final RoleId EVERYONE = RoleId.of("101");
    private static final ChannelId GENERAL = ChannelId.of("102");
    private static final ChannelId THREAD = ChannelId.of("103");
    private static final ChannelId OTHER = ChannelId.of("104");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final ServerPermissionsSagaTest.RecordingTuples tuples = new ServerPermissionsSagaTest.RecordingTuples();
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
    void muteWritesTheMutedRelationshipAndUnmuteDeletesIt() {
        var muted = Tuple.of("server", "100", "muted", "user", "bob");
        fixture.givenAPublished(created())
                .andThenAPublished(new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH))
                .whenPublishingA(new MemberMutedEvent(SERVER, BOB, Instant.now().plusSeconds(60), ALICE));
        assertThat(tuples.written).contains(muted);
        fixture.givenAPublished(created())
                .andThenAPublished(new MemberMutedEvent(SERVER, BOB, Instant.now().plusSeconds(60), ALICE))
                .whenPublishingA(new MemberUnmutedEvent(SERVER, BOB, null));
        assertThat(tuples.written).doesNotContain(muted);
        assertThat(tuples.deleted).contains(muted);
    }

    @Test
    void deletingAChannelRemovesItsLinksOverwritesAndItsThreadsLinks() {
        fixture.givenAPublished(created())
                .andThenAPublished(new ChannelCreatedEvent(GENERAL, SERVER, "general", ChannelType.TEXT, null, ALICE,
                        Instant.EPOCH))
                .andThenAPublished(new ChannelCreatedEvent(OTHER, SERVER, "other", ChannelType.TEXT, null, ALICE,
                        Instant.EPOCH))
                .andThenAPublished(new ChannelCreatedEvent(THREAD, SERVER, "thread", ChannelType.THREAD, GENERAL,
                        ALICE, Instant.EPOCH))
                .andThenAPublished(new ChannelPermissionOverwriteSetEvent(GENERAL, SERVER, OverwriteTargetType.MEMBER,
                        "bob", false, Set.of(Permission.SEND_MESSAGES), Set.of(), ALICE))
                .whenPublishingA(new ChannelDeletedEvent(GENERAL, SERVER, ChannelType.TEXT, ALICE));
        assertThat(tuples.written).noneMatch(t -> t.entityId().equals("102") || t.subjectId().equals("102"))
                .contains(Tuple.of("channel", "104", "server", "server", "100"));
    }
}

package io.beep.saga.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.saga.platform.authz.PermissionTuples;
import io.beep.saga.platform.authz.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerPermissionsSagaTest {

    private static final ServerId SERVER = ServerId.of("100");
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

    /** Records tuple writes in memory: the saga fixture is a pure domain test. */
    static final class RecordingTuples implements PermissionTuples {
        final List<Tuple> written = new ArrayList<>();

        @Override
        public String write(List<Tuple> batch) {
            written.addAll(batch);
            return "snap";
        }

        @Override
        public String delete(List<Tuple> batch) {
            written.removeAll(batch);
            return "snap";
        }
    }
}

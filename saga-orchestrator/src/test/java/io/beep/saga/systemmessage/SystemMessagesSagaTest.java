package io.beep.saga.systemmessage;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.PostSystemMessageCommand;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.contracts.server.Visibility;
import java.time.Instant;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemMessagesSagaTest {

    private static final ServerId SERVER = ServerId.of("100");
    private static final ChannelId GENERAL = ChannelId.of("102");
    private static final ChannelId STAGE = ChannelId.of("103");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private SagaTestFixture<SystemMessagesSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SystemMessagesSaga.class);
    }

    private static ServerCreatedEvent created() {
        return new ServerCreatedEvent(SERVER, "s", "", Visibility.PUBLIC, ALICE, RoleId.of("101"),
                Set.of(Permission.VIEW_CHANNELS), GENERAL, AT);
    }

    @Test
    void aJoinPostsMemberJoinedInTheDefaultChannelByTheNewMember() {
        fixture.givenAggregate(SERVER.value()).published(created())
                .whenAggregate(SERVER.value()).publishes(new MemberJoinedEvent(SERVER, BOB, AT))
                .expectActiveSagas(1);
        assertThat(fixture.getCommandBus().getDispatchedCommands()).hasSize(1);
        var sent = (PostSystemMessageCommand) fixture.getCommandBus().getDispatchedCommands().get(0).getPayload();
        assertThat(sent.channelId()).isEqualTo(GENERAL);
        assertThat(sent.authorId()).isEqualTo(BOB);
        assertThat(sent.type()).isEqualTo(MessageType.MEMBER_JOINED);
    }

    @Test
    void aConferenceChannelGetsItsOwnConferenceCreatedNotice() {
        fixture.givenAggregate(SERVER.value()).published(created())
                .whenPublishingA(new ChannelCreatedEvent(STAGE, SERVER, "stage", ChannelType.CONFERENCE, null, ALICE,
                        AT));
        var sent = (PostSystemMessageCommand) fixture.getCommandBus().getDispatchedCommands().get(0).getPayload();
        assertThat(sent.channelId()).isEqualTo(STAGE);
        assertThat(sent.type()).isEqualTo(MessageType.CONFERENCE_CREATED);
        assertThat(sent.content()).isEqualTo("stage");
    }

    @Test
    void aTextChannelPostsNothing() {
        fixture.givenAggregate(SERVER.value()).published(created())
                .whenPublishingA(new ChannelCreatedEvent(STAGE, SERVER, "chat", ChannelType.TEXT, null, ALICE, AT))
                .expectNoDispatchedCommands();
    }

    @Test
    void afterTheSystemChannelIsDeletedJoinsGoToTheNextOldestTextChannel() {
        var chat = ChannelId.of("104");
        fixture.givenAggregate(SERVER.value()).published(created(),
                        new ChannelCreatedEvent(GENERAL, SERVER, "general", ChannelType.TEXT, null, ALICE, AT),
                        new ChannelCreatedEvent(chat, SERVER, "chat", ChannelType.TEXT, null, ALICE, AT),
                        new ChannelDeletedEvent(GENERAL, SERVER, ChannelType.TEXT, ALICE))
                .whenAggregate(SERVER.value()).publishes(new MemberJoinedEvent(SERVER, BOB, AT));
        var sent = (PostSystemMessageCommand) fixture.getCommandBus().getDispatchedCommands().get(0).getPayload();
        assertThat(sent.channelId()).isEqualTo(chat);
    }

    @Test
    void aDeletedServerPostsNoMoreNotices() {
        fixture.givenAggregate(SERVER.value()).published(created(),
                        new ServerDeletedEvent(SERVER, ALICE, Set.of(ALICE), Set.of()))
                .whenAggregate(SERVER.value()).publishes(new MemberJoinedEvent(SERVER, BOB, AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void noticeIdsAreStableSnowflakesOfTheEventTimeOutsideInstanceWorkerIds() {
        var first = NoticeIds.of(AT, "event-1");
        assertThat(NoticeIds.of(AT, "event-1")).isEqualTo(first);
        assertThat(NoticeIds.of(AT, "event-2")).isNotEqualTo(first);
        assertThat(Snowflake.timeOf(first.value())).isEqualTo(AT);
        long worker = (Long.parseLong(first.value()) >>> Snowflake.SEQUENCE_BITS) & ((1 << Snowflake.WORKER_BITS) - 1);
        assertThat(worker).isGreaterThanOrEqualTo(512);
    }
}

package io.beep.command.channel;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.CreateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.commandhandling.CommandExecutionException;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void canCreateTextChannel() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, " general ", ChannelType.TEXT, null, ALICE))
                .expectEvents(new ChannelCreatedEvent(CHANNEL, SERVER, "general", ChannelType.TEXT, null, ALICE,
                        Snowflake.timeOf(CHANNEL.value())));
    }

    @Test
    void canCreateChannelInCategory() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "voice", ChannelType.CONFERENCE, ChannelId.of("1"),
                        ALICE))
                .expectEvents(new ChannelCreatedEvent(CHANNEL, SERVER, "voice", ChannelType.CONFERENCE,
                        ChannelId.of("1"), ALICE, Snowflake.timeOf(CHANNEL.value())));
    }

    @Test
    void cannotCreateDmChannelInServer() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "dm", ChannelType.DM, null, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotCreateThreadWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "t", ChannelType.THREAD, null, ALICE))
                .expectNoEvents()
                .expectExceptionMessage("a thread needs the channel it belongs to");
    }

    @Test
    void cannotNestCategories() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "c", ChannelType.CATEGORY, ChannelId.of("1"), ALICE))
                .expectNoEvents()
                .expectExceptionMessage("a category cannot sit in another channel");
    }

    @Test
    void cannotCreateChannelWithEmptyName() {
        fixture.givenNoPriorActivity()
                .when(new CreateChannelCommand(CHANNEL, SERVER, "", ChannelType.TEXT, null, ALICE))
                .expectNoEvents()
                .expectExceptionMessage("name must not be empty");
    }
}

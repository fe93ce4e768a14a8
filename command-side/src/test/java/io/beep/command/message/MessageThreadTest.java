package io.beep.command.message;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageThreadStartedEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.StartThreadCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageThreadTest {

    private static final MessageId MESSAGE = MessageId.of("300");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final ChannelId THREAD = ChannelId.of("310");
    private static final MessageId NOTICE = MessageId.of("311");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final MessageSentEvent SENT = new MessageSentEvent(MESSAGE, CHANNEL, SERVER, ALICE, "hello",
            MessageType.DEFAULT, null, null, Snowflake.timeOf(MESSAGE.value()));
    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Message.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void startingAThreadCreatesTheThreadChannelAndAThreadCreatedNotice() {
        fixture.given(SENT)
                .when(new StartThreadCommand(MESSAGE, CHANNEL, THREAD, NOTICE, "  plans ", BOB))
                .expectEvents(
                        new MessageThreadStartedEvent(MESSAGE, CHANNEL, SERVER, THREAD, NOTICE, "plans", BOB,
                                fixture.currentTime()),
                        new ChannelCreatedEvent(THREAD, SERVER, "plans", ChannelType.THREAD, CHANNEL, BOB,
                                Snowflake.timeOf(THREAD.value())),
                        new MessageSentEvent(NOTICE, CHANNEL, SERVER, BOB, "plans", MessageType.THREAD_CREATED, null,
                                MESSAGE, Snowflake.timeOf(NOTICE.value())));
    }

    @Test
    void aMessageHasAtMostOneThread() {
        fixture.given(SENT, new MessageThreadStartedEvent(MESSAGE, CHANNEL, SERVER, THREAD, NOTICE, "plans", BOB,
                        Snowflake.timeOf(NOTICE.value())))
                .when(new StartThreadCommand(MESSAGE, CHANNEL, ChannelId.of("320"), MessageId.of("321"), "again", ALICE))
                .expectNoEvents()
                .expectExceptionMessage("this message already has a thread");
    }

    @Test
    void cannotStartThreadOnDeletedMessage() {
        fixture.given(SENT, new MessageDeletedEvent(MESSAGE, CHANNEL, ALICE, Snowflake.timeOf(MESSAGE.value())))
                .when(new StartThreadCommand(MESSAGE, CHANNEL, THREAD, NOTICE, "plans", BOB))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void cannotStartThreadOnMessageOfAnotherChannel() {
        fixture.given(SENT)
                .when(new StartThreadCommand(MESSAGE, ChannelId.of("201"), THREAD, NOTICE, "plans", BOB))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void cannotStartThreadInPrivateChannel() {
        fixture.given(new MessageSentEvent(MESSAGE, CHANNEL, null, ALICE, "hi", MessageType.DEFAULT, null, null,
                        Snowflake.timeOf(MESSAGE.value())))
                .when(new StartThreadCommand(MESSAGE, CHANNEL, THREAD, NOTICE, "plans", BOB))
                .expectNoEvents()
                .expectExceptionMessage("threads exist only in server channels");
    }

    @Test
    void threadNeedsAName() {
        fixture.given(SENT)
                .when(new StartThreadCommand(MESSAGE, CHANNEL, THREAD, NOTICE, " ", BOB))
                .expectNoEvents()
                .expectExceptionMessage("name must not be empty");
    }
}

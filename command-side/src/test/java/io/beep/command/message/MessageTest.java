package io.beep.command.message;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.SendMessageCommand;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final MessageId MESSAGE = MessageId.of("300");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Message.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void canSendMessage() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "hello", "n-1", null))
                .expectEvents(new MessageSentEvent(MESSAGE, CHANNEL, SERVER, ALICE, "hello", MessageType.DEFAULT,
                        "n-1", null, Snowflake.timeOf(MESSAGE.value())));
    }

    @Test
    void canReplyToMessage() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "yes", null, MessageId.of("299")))
                .expectEvents(new MessageSentEvent(MESSAGE, CHANNEL, SERVER, ALICE, "yes", MessageType.DEFAULT,
                        null, MessageId.of("299"), Snowflake.timeOf(MESSAGE.value())));
    }

    @Test
    void cannotSendEmptyMessage() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, " \n ", null, null))
                .expectNoEvents()
                .expectExceptionMessage("content must not be empty");
    }

    @Test
    void cannotSendOverlongMessage() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "x".repeat(4001), null, null))
                .expectNoEvents()
                .expectExceptionMessage("content must be at most 4000 characters");
    }

    @Test
    void cannotSendWithOverlongNonce() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "hi", "n".repeat(65), null))
                .expectNoEvents()
                .expectExceptionMessage("nonce must be at most 64 characters");
    }
}

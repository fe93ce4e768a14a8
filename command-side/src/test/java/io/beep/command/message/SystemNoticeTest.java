package io.beep.command.message;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.EditMessageCommand;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.PostSystemMessageCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemNoticeTest {

    private static final MessageId NOTICE = MessageId.of("128849018880");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId BOB = UserId.of("bob");
    private AggregateTestFixture<Message> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Message.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
    }

    @Test
    void aSystemNoticeIsAMessageOfItsTypeAtTheTimeOfItsId() {
        fixture.givenNoPriorActivity()
                .when(new PostSystemMessageCommand(NOTICE, CHANNEL, SERVER, BOB, MessageType.MEMBER_JOINED, null, null))
                .expectEvents(new MessageSentEvent(NOTICE, CHANNEL, SERVER, BOB, "", MessageType.MEMBER_JOINED, null,
                        null, Snowflake.timeOf(NOTICE.value())));
    }

    @Test
    void aNoticeCannotBeOfTheDefaultType() {
        fixture.givenNoPriorActivity()
                .when(new PostSystemMessageCommand(NOTICE, CHANNEL, SERVER, BOB, MessageType.DEFAULT, "x", null))
                .expectNoEvents()
                .expectExceptionMessage("a system notice needs a system type");
    }

    @Test
    void aNoticeCannotBeEditedEvenByItsAuthor() {
        fixture.given(new MessageSentEvent(NOTICE, CHANNEL, SERVER, BOB, "", MessageType.MEMBER_JOINED, null, null,
                        Snowflake.timeOf(NOTICE.value())))
                .when(new EditMessageCommand(NOTICE, CHANNEL, BOB, "changed"))
                .expectNoEvents()
                .expectExceptionMessage("system messages cannot be edited");
    }
}

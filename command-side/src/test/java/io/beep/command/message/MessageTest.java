package io.beep.command.message;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.DeleteMessageCommand;
import io.beep.contracts.message.EditMessageCommand;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageUnpinnedEvent;
import io.beep.contracts.message.PinMessageCommand;
import io.beep.contracts.message.UnpinMessageCommand;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.SendMessageCommand;
import io.beep.contracts.message.MessageAttachment;
import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageSentByWebhookEvent;
import io.beep.contracts.message.SendWebhookMessageCommand;
import java.util.List;
import io.beep.contracts.common.Snowflake;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageTest {

    private static final MessageId MESSAGE = MessageId.of("300");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final MessageId NOTICE = MessageId.of("301");
    private static final MessageSentEvent SENT = new MessageSentEvent(MESSAGE, CHANNEL, SERVER, ALICE, "hello",
            MessageType.DEFAULT, null, null, Snowflake.timeOf(MESSAGE.value()));
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
    void cannotSendANulCharacter() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "a\u0000b", null, null))
                .expectNoEvents()
                .expectExceptionMessage("content must not contain control characters");
    }

    @Test
    void mayUseLineBreaksAndTabs() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "line\n\tindented", null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotSendWithOverlongNonce() {
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "hi", "n".repeat(65), null))
                .expectNoEvents()
                .expectExceptionMessage("nonce must be at most 64 characters");
    }

    @Test
    void authorCanEditMessage() {
        fixture.given(SENT)
                .when(new EditMessageCommand(MESSAGE, CHANNEL, ALICE, "  hello again "))
                .expectEvents(new MessageEditedEvent(MESSAGE, CHANNEL, ALICE, "hello again", fixture.currentTime()));
    }

    @Test
    void cannotEditSomeoneElsesMessage() {
        fixture.given(SENT)
                .when(new EditMessageCommand(MESSAGE, CHANNEL, BOB, "mine now"))
                .expectNoEvents()
                .expectExceptionMessage("only the author may edit a message");
    }

    @Test
    void cannotEditToEmptyContent() {
        fixture.given(SENT)
                .when(new EditMessageCommand(MESSAGE, CHANNEL, ALICE, " "))
                .expectNoEvents()
                .expectExceptionMessage("content must not be empty");
    }

    @Test
    void cannotEditThroughAnotherChannel() {
        fixture.given(SENT)
                .when(new EditMessageCommand(MESSAGE, ChannelId.of("999"), ALICE, "moved"))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void cannotEditDeletedMessage() {
        fixture.given(SENT, new MessageDeletedEvent(MESSAGE, CHANNEL, ALICE, Snowflake.timeOf(MESSAGE.value())))
                .when(new EditMessageCommand(MESSAGE, CHANNEL, ALICE, "back"))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void cannotEditSystemMessage() {
        fixture.given(new MessageSentEvent(NOTICE, CHANNEL, SERVER, ALICE, "", MessageType.MESSAGE_PINNED, null,
                        MESSAGE, Snowflake.timeOf(NOTICE.value())))
                .when(new EditMessageCommand(NOTICE, CHANNEL, ALICE, "changed"))
                .expectNoEvents()
                .expectExceptionMessage("system messages cannot be edited");
    }

    @Test
    void authorCanDeleteOwnMessageWithoutManageMessages() {
        fixture.given(SENT)
                .when(new DeleteMessageCommand(MESSAGE, CHANNEL, ALICE, false))
                .expectEvents(new MessageDeletedEvent(MESSAGE, CHANNEL, ALICE, fixture.currentTime()));
    }

    @Test
    void moderatorCanDeleteSomeoneElsesMessage() {
        fixture.given(SENT)
                .when(new DeleteMessageCommand(MESSAGE, CHANNEL, BOB, true))
                .expectEvents(new MessageDeletedEvent(MESSAGE, CHANNEL, BOB, fixture.currentTime()));
    }

    @Test
    void cannotDeleteSomeoneElsesMessageWithoutManageMessages() {
        fixture.given(SENT)
                .when(new DeleteMessageCommand(MESSAGE, CHANNEL, BOB, false))
                .expectNoEvents()
                .expectExceptionMessage("missing permission MANAGE_MESSAGES");
    }

    @Test
    void cannotDeleteTwice() {
        fixture.given(SENT, new MessageDeletedEvent(MESSAGE, CHANNEL, ALICE, Snowflake.timeOf(MESSAGE.value())))
                .when(new DeleteMessageCommand(MESSAGE, CHANNEL, ALICE, true))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void pinningPostsAMessagePinnedNotice() {
        fixture.given(SENT)
                .when(new PinMessageCommand(MESSAGE, CHANNEL, BOB, NOTICE))
                .expectEvents(
                        new MessagePinnedEvent(MESSAGE, CHANNEL, BOB, NOTICE, fixture.currentTime()),
                        new MessageSentEvent(NOTICE, CHANNEL, SERVER, BOB, "", MessageType.MESSAGE_PINNED, null,
                                MESSAGE, Snowflake.timeOf(NOTICE.value())));
    }

    @Test
    void pinningAPinnedMessageChangesNothing() {
        fixture.given(SENT, new MessagePinnedEvent(MESSAGE, CHANNEL, BOB, NOTICE, Snowflake.timeOf(NOTICE.value())))
                .when(new PinMessageCommand(MESSAGE, CHANNEL, BOB, MessageId.of("302")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canUnpinPinnedMessage() {
        fixture.given(SENT, new MessagePinnedEvent(MESSAGE, CHANNEL, BOB, NOTICE, Snowflake.timeOf(NOTICE.value())))
                .when(new UnpinMessageCommand(MESSAGE, CHANNEL, BOB))
                .expectEvents(new MessageUnpinnedEvent(MESSAGE, CHANNEL, BOB, fixture.currentTime()));
    }

    @Test
    void unpinningAMessageThatIsNotPinnedChangesNothing() {
        fixture.given(SENT)
                .when(new UnpinMessageCommand(MESSAGE, CHANNEL, BOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotPinDeletedMessage() {
        fixture.given(SENT, new MessageDeletedEvent(MESSAGE, CHANNEL, ALICE, Snowflake.timeOf(MESSAGE.value())))
                .when(new PinMessageCommand(MESSAGE, CHANNEL, BOB, NOTICE))
                .expectNoEvents()
                .expectExceptionMessage("message not found");
    }

    @Test
    void canSendFilesWithoutText() {
        var file = new MessageAttachment("500", "notes.txt", 12, "text/plain");
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, null, null, null, List.of(file)))
                .expectEvents(new MessageSentEvent(MESSAGE, CHANNEL, SERVER, ALICE, "", MessageType.DEFAULT, null,
                                null, Snowflake.timeOf(MESSAGE.value())),
                        new MessageAttachmentsAddedEvent(MESSAGE, CHANNEL, SERVER, List.of(file)));
    }

    @Test
    void cannotSendMoreThanTenFiles() {
        var files = java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new MessageAttachment(Integer.toString(500 + i), "f" + i, 1, "text/plain")).toList();
        fixture.givenNoPriorActivity()
                .when(new SendMessageCommand(MESSAGE, CHANNEL, SERVER, ALICE, "many", null, null, files))
                .expectNoEvents()
                .expectException(org.axonframework.commandhandling.CommandExecutionException.class);
    }

    @Test
    void aWebhookPostsAsItselfUnderItsDisplayName() {
        fixture.givenNoPriorActivity()
                .when(new SendWebhookMessageCommand(MESSAGE, CHANNEL, SERVER, "700", " Build bot ", "build green"))
                .expectEvents(new MessageSentEvent(MESSAGE, CHANNEL, SERVER, UserId.of("700"), "build green",
                                MessageType.DEFAULT, null, null, Snowflake.timeOf(MESSAGE.value())),
                        new MessageSentByWebhookEvent(MESSAGE, CHANNEL, "700", "Build bot"));
    }

    @Test
    void nobodyCanEditAWebhookMessage() {
        fixture.given(new MessageSentEvent(MESSAGE, CHANNEL, SERVER, UserId.of("700"), "build green",
                        MessageType.DEFAULT, null, null, Snowflake.timeOf(MESSAGE.value())),
                        new MessageSentByWebhookEvent(MESSAGE, CHANNEL, "700", "Build bot"))
                .when(new EditMessageCommand(MESSAGE, CHANNEL, ALICE, "red"))
                .expectNoEvents()
                .expectException(org.axonframework.commandhandling.CommandExecutionException.class);
    }
}

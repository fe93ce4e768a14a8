package io.beep.command.attachment;

import static io.beep.command.platform.axon.DomainErrorMatchers.hasCode;

import io.beep.command.platform.axon.DomainErrorInterceptor;
import io.beep.contracts.attachment.AttachmentId;
import io.beep.contracts.attachment.AttachmentUploadRequestedEvent;
import io.beep.contracts.attachment.AttachmentUsedEvent;
import io.beep.contracts.attachment.RequestAttachmentUploadCommand;
import io.beep.contracts.attachment.UseAttachmentCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageAttachment;
import java.time.Instant;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachmentTest {

    private static final AttachmentId FILE = AttachmentId.of("500");
    private static final ChannelId CHANNEL = ChannelId.of("200");
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final MessageId MESSAGE = MessageId.of("600");
    private AggregateTestFixture<Attachment> fixture;
    private AttachmentUploadRequestedEvent requested;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Attachment.class);
        fixture.registerCommandHandlerInterceptor(new DomainErrorInterceptor());
        requested = requestedAt(fixture.currentTime());
    }

    private static AttachmentUploadRequestedEvent requestedAt(Instant time) {
        return new AttachmentUploadRequestedEvent(FILE, CHANNEL, SERVER, ALICE, "notes.txt", 12, "text/plain", time);
    }

    @Test
    void canRequestAnUploadOfADeclaredFile() {
        var given = fixture.givenNoPriorActivity();
        given.when(new RequestAttachmentUploadCommand(FILE, CHANNEL, SERVER, ALICE, " notes.txt ", 12, "text/plain"))
                .expectEvents(new AttachmentUploadRequestedEvent(FILE, CHANNEL, SERVER, ALICE, "notes.txt", 12,
                        "text/plain", fixture.currentTime()));
    }

    @Test
    void cannotDeclareAFilenameWithASlash() {
        fixture.givenNoPriorActivity()
                .when(new RequestAttachmentUploadCommand(FILE, CHANNEL, SERVER, ALICE, "../x", 12, "text/plain"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotDeclareAnEmptyFile() {
        fixture.givenNoPriorActivity()
                .when(new RequestAttachmentUploadCommand(FILE, CHANNEL, SERVER, ALICE, "a.txt", 0, "text/plain"))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void uploaderCanUseTheirFileOnceInItsChannel() {
        fixture.given(requested)
                .when(new UseAttachmentCommand(FILE, MESSAGE, CHANNEL, ALICE))
                .expectEvents(new AttachmentUsedEvent(FILE, MESSAGE, CHANNEL))
                .expectResultMessagePayload(new MessageAttachment("500", "notes.txt", 12, "text/plain"));
    }

    @Test
    void canUseAFileUntilTheEndOfItsUseWindow() {
        fixture.given(requestedAt(fixture.currentTime().minus(Attachment.USE_WINDOW)))
                .when(new UseAttachmentCommand(FILE, MESSAGE, CHANNEL, ALICE))
                .expectEvents(new AttachmentUsedEvent(FILE, MESSAGE, CHANNEL));
    }

    @Test
    void cannotUseAFileAfterItsUseWindow() {
        fixture.given(requestedAt(fixture.currentTime().minus(Attachment.USE_WINDOW).minusSeconds(1)))
                .when(new UseAttachmentCommand(FILE, MESSAGE, CHANNEL, ALICE))
                .expectNoEvents()
                .expectException(hasCode(ErrorCode.UPLOAD_EXPIRED));
    }

    @Test
    void cannotUseAFileTwice() {
        fixture.given(requested, new AttachmentUsedEvent(FILE, MESSAGE, CHANNEL))
                .when(new UseAttachmentCommand(FILE, MessageId.of("601"), CHANNEL, ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotUseSomeoneElsesFile() {
        fixture.given(requested)
                .when(new UseAttachmentCommand(FILE, MESSAGE, CHANNEL, BOB))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }

    @Test
    void cannotUseAFileInAnotherChannel() {
        fixture.given(requested)
                .when(new UseAttachmentCommand(FILE, MESSAGE, ChannelId.of("201"), ALICE))
                .expectNoEvents()
                .expectException(CommandExecutionException.class);
    }
}

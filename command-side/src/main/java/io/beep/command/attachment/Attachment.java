package io.beep.command.attachment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.command.platform.web.Require;
import io.beep.contracts.attachment.AttachmentId;
import io.beep.contracts.attachment.AttachmentUploadRequestedEvent;
import io.beep.contracts.attachment.AttachmentUsedEvent;
import io.beep.contracts.attachment.RequestAttachmentUploadCommand;
import io.beep.contracts.attachment.UseAttachmentCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageAttachment;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One uploaded file: declared by its uploader in a channel, then attached to exactly one message of
 * that uploader in that channel. Anyone else, or another channel, sees no such attachment (404).
 */
@Aggregate
class Attachment {

    static final int MAX_FILENAME = 255;
    /** How long after its upload was requested a file may still be attached to a message. */
    static final Duration USE_WINDOW = Duration.ofHours(1);

    @AggregateIdentifier
    private AttachmentId attachmentId;
    private ChannelId channelId;
    private UserId uploaderId;
    private String filename;
    private long size;
    private String contentType;
    private boolean used;
    private Instant requestedAt;

    Attachment() {
    }

    @CommandHandler
    Attachment(RequestAttachmentUploadCommand command) {
        var filename = Require.name("filename", command.filename(), MAX_FILENAME);
        if (filename.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\')) {
            throw DomainException.invalid("filename must not contain control characters or slashes");
        }
        if (command.size() <= 0) {
            throw DomainException.invalid("size must be a positive number of bytes");
        }
        Require.name("contentType", command.contentType(), 255);
        Require.present("channelId", command.channelId());
        Require.present("uploaderId", command.uploaderId());
        apply(new AttachmentUploadRequestedEvent(command.attachmentId(), command.channelId(), command.serverId(),
                command.uploaderId(), filename, command.size(), command.contentType(),
                GenericEventMessage.clock.instant()));
    }

    /** Answers the file's declaration, which the caller compares with the stored object. */
    @CommandHandler
    MessageAttachment handle(UseAttachmentCommand command) {
        if (!uploaderId.equals(command.userId()) || !channelId.equals(command.channelId())) {
            throw DomainException.notFound("attachment");
        }
        if (used) {
            throw new DomainException(ErrorCode.CONFLICT, "attachment " + attachmentId.value() + " is already used");
        }
        if (requestedAt != null && GenericEventMessage.clock.instant().isAfter(requestedAt.plus(USE_WINDOW))) {
            throw new DomainException(ErrorCode.UPLOAD_EXPIRED, "attachment " + attachmentId.value()
                    + " was uploaded more than " + USE_WINDOW.toMinutes() + " minutes ago; upload it again");
        }
        apply(new AttachmentUsedEvent(attachmentId, command.messageId(), channelId));
        return new MessageAttachment(attachmentId.value(), filename, size, contentType);
    }

    @EventSourcingHandler
    void on(AttachmentUploadRequestedEvent event) {
        attachmentId = event.attachmentId();
        channelId = event.channelId();
        uploaderId = event.uploaderId();
        filename = event.filename();
        size = event.size();
        contentType = event.contentType();
        requestedAt = event.requestedAt();
    }

    @EventSourcingHandler
    void on(AttachmentUsedEvent event) {
        used = true;
    }
}

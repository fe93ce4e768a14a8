package io.beep.command.attachment;

import io.beep.contracts.attachment.AttachmentId;
import io.beep.contracts.attachment.UseAttachmentCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageAttachment;
import io.beep.contracts.message.MessageView;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes uploaded files for a new message, in the send's transaction: each must be the sender's own
 * upload in the same channel, not used before (else 404 / 409), and its stored object must exist
 * with the declared size and type (else 400, 413 or 415). If anything fails the transaction rolls
 * back and no attachment is marked used.
 */
@Component
public class AttachmentUse {

    public static final int MAX_PER_MESSAGE = 10;

    private final CommandGateway commands;
    private final AttachmentStorage storage;
    private final AttachmentProperties properties;

    AttachmentUse(CommandGateway commands, AttachmentStorage storage, AttachmentProperties properties) {
        this.commands = commands;
        this.storage = storage;
        this.properties = properties;
    }

    /** The checked, distinct attachment ids of a send request (at most {@value #MAX_PER_MESSAGE}). */
    public static List<String> ids(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (requested.size() > MAX_PER_MESSAGE) {
            throw DomainException.invalid("at most " + MAX_PER_MESSAGE + " attachments per message");
        }
        var ids = new ArrayList<String>();
        for (var id : requested) {
            if (id == null || !id.matches("[0-9]{1,19}")) {
                throw DomainException.invalid("attachmentIds must be attachment ids");
            }
            if (ids.contains(id)) {
                throw DomainException.invalid("attachment " + id + " is listed twice");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** Marks the attachments used by {@code messageId} and answers their declarations. */
    public List<MessageAttachment> take(List<String> attachmentIds, MessageId messageId, ChannelId channelId,
                                        UserId user) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("attachments must be taken in the send's transaction");
        }
        var taken = new ArrayList<MessageAttachment>();
        for (var id : attachmentIds) {
            MessageAttachment declared;
            try {
                declared = commands.sendAndWait(new UseAttachmentCommand(AttachmentId.of(id), messageId, channelId, user));
            } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                throw DomainException.notFound("attachment");
            } catch (ConcurrencyException e) {
                throw new DomainException(ErrorCode.CONFLICT, "attachment " + id + " is being used by another message");
            }
            check(declared);
            taken.add(declared);
        }
        return List.copyOf(taken);
    }

    private void check(MessageAttachment declared) {
        var stored = storage.stored(declared.id())
                .orElseThrow(() -> DomainException.invalid("attachment " + declared.id() + " was not uploaded"));
        if (stored.size() > properties.maxBytes()) {
            throw new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "attachment " + declared.id() + " has "
                    + stored.size() + " bytes; at most " + properties.maxBytes() + " are accepted");
        }
        if (stored.size() != declared.size()) {
            throw DomainException.invalid("attachment " + declared.id() + " has " + stored.size()
                    + " bytes, not the " + declared.size() + " declared");
        }
        var type = stored.contentType() == null ? "" : AttachmentController.contentType(stored.contentType());
        if (!type.equals(declared.contentType())) {
            throw new DomainException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "attachment " + declared.id()
                    + " was uploaded as " + (type.isEmpty() ? "no type" : type) + ", not " + declared.contentType());
        }
    }

    /** The answer's attachments with fresh download links. */
    public List<AttachmentView> views(List<MessageAttachment> attachments) {
        return attachments.stream().map(storage::view).toList();
    }

    /** The message with fresh download links on its attachments. */
    public MessageView withLinks(MessageView view) {
        if (view.attachments() == null || view.attachments().isEmpty()) {
            return view;
        }
        return view.withAttachments(view.attachments().stream()
                .map(a -> new AttachmentView(a.id(), a.filename(), a.size(), a.contentType(),
                        storage.downloadLink(a.id())))
                .toList());
    }
}

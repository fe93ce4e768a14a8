package io.beep.command.message;

import io.beep.contracts.message.AttachmentView;
import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentByWebhookEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageUnpinnedEvent;
import io.beep.contracts.message.MessageView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A message as it stands after its own events, read from the event store: what the command side
 * answers right after a change, without waiting for the views. Empty if there is no such message
 * or it was deleted. Attachments come without download links (the caller adds fresh ones).
 */
@Component
class MessageEvents {

    private final EventStore events;

    MessageEvents(EventStore events) {
        this.events = events;
    }

    Optional<MessageView> current(String messageId) {
        MessageView view = null;
        var stream = events.readEvents(messageId);
        while (stream.hasNext()) {
            var payload = stream.next().getPayload();
            if (payload instanceof MessageSentEvent e) {
                view = new MessageView(e.messageId().value(), e.channelId().value(),
                        e.serverId() == null ? null : e.serverId().value(), e.authorId().value(), e.content(),
                        e.sentAt(), null, false, e.type().name().toLowerCase(Locale.ROOT), List.of(),
                        e.replyTo() == null ? null : e.replyTo().value(), e.nonce());
            } else if (view == null) {
                return Optional.empty();
            } else if (payload instanceof MessageAttachmentsAddedEvent e) {
                view = view.withAttachments(e.attachments().stream()
                        .map(a -> new AttachmentView(a.id(), a.filename(), a.size(), a.contentType(), null))
                        .toList());
            } else if (payload instanceof MessageSentByWebhookEvent e) {
                view = new MessageView(view.id(), view.channelId(), view.serverId(), view.authorId(), view.content(),
                        view.createdAt(), view.editedAt(), view.pinned(), view.type(), view.attachments(),
                        view.replyTo(), view.nonce(), e.webhookId(), e.displayName());
            } else if (payload instanceof MessageEditedEvent e) {
                view = new MessageView(view.id(), view.channelId(), view.serverId(), view.authorId(), e.content(),
                        view.createdAt(), e.editedAt(), view.pinned(), view.type(), view.attachments(), view.replyTo(),
                        view.nonce(), view.webhookId(), view.authorName());
            } else if (payload instanceof MessagePinnedEvent || payload instanceof MessageUnpinnedEvent) {
                view = new MessageView(view.id(), view.channelId(), view.serverId(), view.authorId(), view.content(),
                        view.createdAt(), view.editedAt(), payload instanceof MessagePinnedEvent, view.type(),
                        view.attachments(), view.replyTo(), view.nonce(), view.webhookId(), view.authorName());
            } else if (payload instanceof MessageDeletedEvent) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(view);
    }
}

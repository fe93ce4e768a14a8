package io.beep.command.message;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.DeleteMessageCommand;
import io.beep.contracts.message.EditMessageCommand;
import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentByWebhookEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.MessageUnpinnedEvent;
import io.beep.contracts.message.PinMessageCommand;
import io.beep.contracts.message.PostSystemMessageCommand;
import io.beep.contracts.message.SendMessageCommand;
import io.beep.contracts.message.SendWebhookMessageCommand;
import io.beep.contracts.message.MessageThreadStartedEvent;
import io.beep.contracts.message.StartThreadCommand;
import io.beep.command.channel.Channel;
import io.beep.contracts.message.UnpinMessageCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One message. Each message is its own small aggregate, so sends never contend on a channel and
 * creating one needs no history to be loaded. A deleted message answers every later command with
 * NOT_FOUND; a message addressed through another channel than its own is not found either.
 */
@Aggregate
class Message {

    static final int MAX_CONTENT = 4000;
    static final int MAX_NONCE = 64;
    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_DISPLAY_NAME = 80;

    @AggregateIdentifier
    private MessageId messageId;
    private ChannelId channelId;
    private ServerId serverId;
    private UserId authorId;
    private MessageType type;
    private boolean pinned;
    private boolean deleted;
    private boolean threadStarted;

    Message() {
    }

    /** A message with files may have no text; one without needs some. */
    @CommandHandler
    Message(SendMessageCommand command) {
        var attachments = command.attachments();
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw DomainException.invalid("at most " + MAX_ATTACHMENTS + " attachments per message");
        }
        var content = attachments.isEmpty()
                ? Require.name("content", command.content(), MAX_CONTENT)
                : optionalContent(command.content());
        Require.optionalText("nonce", command.nonce(), MAX_NONCE);
        Require.present("channelId", command.channelId());
        Require.present("authorId", command.authorId());
        apply(new MessageSentEvent(command.messageId(), command.channelId(), command.serverId(),
                command.authorId(), content, MessageType.DEFAULT, command.nonce(), command.replyTo(),
                Snowflake.timeOf(command.messageId().value())));
        if (!attachments.isEmpty()) {
            apply(new MessageAttachmentsAddedEvent(command.messageId(), command.channelId(), command.serverId(),
                    attachments));
        }
    }

    /** A message posted through a webhook: its author is the webhook, shown as {@code displayName}. */
    @CommandHandler
    Message(SendWebhookMessageCommand command) {
        var content = Require.name("content", command.content(), MAX_CONTENT);
        var displayName = Require.name("username", command.displayName(), MAX_DISPLAY_NAME);
        Require.present("channelId", command.channelId());
        Require.present("webhookId", command.webhookId());
        apply(new MessageSentEvent(command.messageId(), command.channelId(), command.serverId(),
                UserId.of(command.webhookId()), content, MessageType.DEFAULT, null, null,
                Snowflake.timeOf(command.messageId().value())));
        apply(new MessageSentByWebhookEvent(command.messageId(), command.channelId(), command.webhookId(),
                displayName));
    }

    private static String optionalContent(String content) {
        return Require.optionalText("content", content == null ? "" : content.strip(), MAX_CONTENT);
    }

    /** A system notice posted by the system-messages saga; the id is the saga's, so a repeat already exists. */
    @CommandHandler
    Message(PostSystemMessageCommand command) {
        Require.present("channelId", command.channelId());
        Require.present("authorId", command.authorId());
        Require.present("type", command.type());
        if (command.type() == MessageType.DEFAULT) {
            throw DomainException.invalid("a system notice needs a system type");
        }
        var content = command.content() == null ? "" : command.content();
        if (content.length() > MAX_CONTENT) {
            throw DomainException.invalid("content is longer than " + MAX_CONTENT + " characters");
        }
        apply(new MessageSentEvent(command.messageId(), command.channelId(), command.serverId(),
                command.authorId(), content, command.type(), null, command.replyTo(),
                Snowflake.timeOf(command.messageId().value())));
    }

    /** The notice posted when a message is pinned: no content, it refers to the pinned message. */
    private Message(MessageId noticeId, MessagePinnedEvent pinned, ServerId serverId) {
        apply(new MessageSentEvent(noticeId, pinned.channelId(), serverId, pinned.pinnedBy(), "",
                MessageType.MESSAGE_PINNED, null, pinned.messageId(), Snowflake.timeOf(noticeId.value())));
    }

    @CommandHandler
    void handle(EditMessageCommand command) {
        requireReachable(command.channelId());
        if (type != MessageType.DEFAULT) {
            throw new DomainException(ErrorCode.FORBIDDEN, "system messages cannot be edited");
        }
        if (!authorId.equals(command.editorId())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "only the author may edit a message");
        }
        var content = Require.name("content", command.content(), MAX_CONTENT);
        apply(new MessageEditedEvent(messageId, channelId, command.editorId(), content, now()));
    }

    @CommandHandler
    void handle(DeleteMessageCommand command) {
        requireReachable(command.channelId());
        if (!authorId.equals(command.userId()) && !command.mayManageMessages()) {
            throw DomainException.forbidden("MANAGE_MESSAGES");
        }
        apply(new MessageDeletedEvent(messageId, channelId, command.userId(), now()));
    }

    @CommandHandler
    void handle(PinMessageCommand command) throws Exception {
        requireReachable(command.channelId());
        if (pinned) {
            return;
        }
        Require.present("systemMessageId", command.systemMessageId());
        var event = new MessagePinnedEvent(messageId, channelId, command.userId(), command.systemMessageId(), now());
        apply(event);
        createNew(Message.class, () -> new Message(command.systemMessageId(), event, serverId));
    }

    /** The notice posted when a thread is started: the thread's name, referring to the message it started on. */
    private Message(MessageThreadStartedEvent started) {
        apply(new MessageSentEvent(started.systemMessageId(), started.channelId(), started.serverId(),
                started.startedBy(), started.name(), MessageType.THREAD_CREATED, null, started.messageId(),
                Snowflake.timeOf(started.systemMessageId().value())));
    }

    /**
     * Starts the message's one thread: the event, the thread channel and the {@code thread_created}
     * notice in the message's channel are stored together, or not at all.
     */
    @CommandHandler
    void handle(StartThreadCommand command) throws Exception {
        requireReachable(command.channelId());
        if (serverId == null) {
            throw DomainException.invalid("threads exist only in server channels");
        }
        if (threadStarted) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "this message already has a thread");
        }
        var name = Require.name("name", command.name(), Channel.MAX_NAME);
        Require.present("threadId", command.threadId());
        Require.present("systemMessageId", command.systemMessageId());
        var event = new MessageThreadStartedEvent(messageId, channelId, serverId, command.threadId(),
                command.systemMessageId(), name, command.startedBy(), now());
        apply(event);
        createNew(Channel.class, () -> Channel.thread(command.threadId(), serverId, channelId, name,
                command.startedBy()));
        createNew(Message.class, () -> new Message(event));
    }

    @EventSourcingHandler
    void on(MessageThreadStartedEvent event) {
        threadStarted = true;
    }

    @CommandHandler
    void handle(UnpinMessageCommand command) {
        requireReachable(command.channelId());
        if (!pinned) {
            return;
        }
        apply(new MessageUnpinnedEvent(messageId, channelId, command.userId(), now()));
    }

    private void requireReachable(ChannelId requested) {
        if (deleted || channelId == null || !channelId.equals(requested)) {
            throw DomainException.notFound("message");
        }
    }

    private static java.time.Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(MessageSentEvent event) {
        messageId = event.messageId();
        channelId = event.channelId();
        serverId = event.serverId();
        authorId = event.authorId();
        type = event.type() == null ? MessageType.DEFAULT : event.type();
    }

    @EventSourcingHandler
    void on(MessagePinnedEvent event) {
        pinned = true;
    }

    @EventSourcingHandler
    void on(MessageUnpinnedEvent event) {
        pinned = false;
    }

    @EventSourcingHandler
    void on(MessageDeletedEvent event) {
        deleted = true;
    }
}

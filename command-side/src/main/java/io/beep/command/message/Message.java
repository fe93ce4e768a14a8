package io.beep.command.message;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.SendMessageCommand;
import io.beep.contracts.common.Snowflake;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One message. Each message is its own small aggregate, so sends never contend on a channel and
 * creating one needs no history to be loaded.
 */
@Aggregate
class Message {

    static final int MAX_CONTENT = 4000;
    static final int MAX_NONCE = 64;

    @AggregateIdentifier
    private MessageId messageId;
    private ChannelId channelId;
    private UserId authorId;

    Message() {
    }

    @CommandHandler
    Message(SendMessageCommand command) {
        var content = Require.name("content", command.content(), MAX_CONTENT);
        Require.optionalText("nonce", command.nonce(), MAX_NONCE);
        Require.present("channelId", command.channelId());
        Require.present("authorId", command.authorId());
        apply(new MessageSentEvent(command.messageId(), command.channelId(), command.serverId(),
                command.authorId(), content, MessageType.DEFAULT, command.nonce(), command.replyTo(),
                Snowflake.timeOf(command.messageId().value())));
    }

    @EventSourcingHandler
    void on(MessageSentEvent event) {
        messageId = event.messageId();
        channelId = event.channelId();
        authorId = event.authorId();
    }
}

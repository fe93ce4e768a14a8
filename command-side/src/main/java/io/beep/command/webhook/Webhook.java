package io.beep.command.webhook;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.webhook.CreateWebhookCommand;
import io.beep.contracts.webhook.DeleteWebhookCommand;
import io.beep.contracts.webhook.WebhookCreatedEvent;
import io.beep.contracts.webhook.WebhookDeletedEvent;
import io.beep.contracts.webhook.WebhookId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One webhook of a channel; once deleted it answers every command with NOT_FOUND. */
@Aggregate
class Webhook {

    static final int MAX_NAME = 80;

    @AggregateIdentifier
    private WebhookId webhookId;
    private ChannelId channelId;
    private boolean deleted;

    Webhook() {
    }

    @CommandHandler
    Webhook(CreateWebhookCommand command) {
        var name = Require.name("name", command.name(), MAX_NAME);
        Require.present("channelId", command.channelId());
        Require.present("createdBy", command.createdBy());
        apply(new WebhookCreatedEvent(command.webhookId(), command.channelId(), command.serverId(), name,
                command.createdBy(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(DeleteWebhookCommand command) {
        if (deleted) {
            throw DomainException.notFound("webhook");
        }
        apply(new WebhookDeletedEvent(webhookId, channelId, command.deletedBy(), GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(WebhookCreatedEvent event) {
        webhookId = event.webhookId();
        channelId = event.channelId();
    }

    @EventSourcingHandler
    void on(WebhookDeletedEvent event) {
        deleted = true;
    }
}

package io.beep.projections.webhook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.contracts.webhook.WebhookCreatedEvent;
import io.beep.contracts.webhook.WebhookDeletedEvent;
import io.beep.projections.message.MessageProjection;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@value #COLLECTION} collection: one document per live webhook, {@code _id} its id, with
 * {@code channelId}, {@code serverId}, {@code name} and {@code createdAt}; never the token. In the
 * messages processor; writes are replaces and deletes by key, so replays change nothing.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
public class WebhookProjection {

    public static final String COLLECTION = "webhooks";

    private final MongoCollection<Document> webhooks;

    public WebhookProjection(MongoDatabase database) {
        this.webhooks = database.getCollection(COLLECTION);
        webhooks.createIndex(Indexes.ascending("channelId"), new IndexOptions().name("webhook_channel"));
        webhooks.createIndex(Indexes.ascending("serverId"), new IndexOptions().name("webhook_server"));
    }

    @EventHandler
    void on(WebhookCreatedEvent event) {
        webhooks.replaceOne(Filters.eq("_id", event.webhookId().value()), new Document("_id", event.webhookId().value())
                        .append("channelId", event.channelId().value())
                        .append("serverId", event.serverId() == null ? null : event.serverId().value())
                        .append("name", event.name())
                        .append("createdAt", Date.from(event.createdAt())),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(WebhookDeletedEvent event) {
        webhooks.deleteOne(Filters.eq("_id", event.webhookId().value()));
    }

    @EventHandler
    void on(ChannelDeletedEvent event) {
        webhooks.deleteMany(Filters.eq("channelId", event.channelId().value()));
    }

    @EventHandler
    void on(ServerDeletedEvent event) {
        webhooks.deleteMany(Filters.eq("serverId", event.serverId().value()));
    }
}

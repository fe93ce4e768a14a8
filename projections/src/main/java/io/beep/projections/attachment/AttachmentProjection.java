package io.beep.projections.attachment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.projections.message.MessageProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@value #COLLECTION} collection: one document per file attached to a live message,
 * {@code _id} the attachment id, with {@code messageId}, {@code channelId}, {@code serverId} (decimal
 * strings), {@code filename}, {@code size} and {@code contentType}. Deleting the message, its channel or its
 * server removes its files' documents, so their downloads answer 404. In the messages processor,
 * so a read waiting for the message views waits for these too. Writes are replaces and deletes by
 * key: replays change nothing.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
public class AttachmentProjection {

    public static final String COLLECTION = "message_attachments";

    private final MongoCollection<Document> attachments;

    public AttachmentProjection(MongoDatabase database) {
        this.attachments = database.getCollection(COLLECTION);
        attachments.createIndex(Indexes.ascending("messageId"), new IndexOptions().name("attachment_message"));
        attachments.createIndex(Indexes.ascending("channelId"), new IndexOptions().name("attachment_channel"));
        attachments.createIndex(Indexes.ascending("serverId"), new IndexOptions().name("attachment_server"));
    }

    @EventHandler
    void on(MessageAttachmentsAddedEvent event) {
        for (var a : event.attachments()) {
            attachments.replaceOne(Filters.eq("_id", a.id()), new Document("_id", a.id())
                            .append("messageId", event.messageId().value())
                            .append("channelId", event.channelId().value())
                            .append("serverId", event.serverId() == null ? null : event.serverId().value())
                            .append("filename", a.filename())
                            .append("size", a.size())
                            .append("contentType", a.contentType()),
                    new ReplaceOptions().upsert(true));
        }
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        attachments.deleteMany(Filters.eq("messageId", event.messageId().value()));
    }

    @EventHandler
    void on(ChannelDeletedEvent event) {
        attachments.deleteMany(Filters.eq("channelId", event.channelId().value()));
    }

    @EventHandler
    void on(ServerDeletedEvent event) {
        attachments.deleteMany(Filters.eq("serverId", event.serverId().value()));
    }
}

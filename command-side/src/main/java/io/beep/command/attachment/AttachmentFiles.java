package io.beep.command.attachment;

import io.beep.contracts.attachment.AttachmentUploadRequestedEvent;
import io.beep.contracts.attachment.AttachmentUsedEvent;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Removes attachment files from S3 when their message, their channel (or the channel of their thread) or their
 * server is deleted. It keeps the
 * table {@code attachment_file} (which object belongs to which channel, server and message) from
 * the attachments' own events, in the processor's transaction. Every step is idempotent: rows are
 * upserted, S3 deletes of missing objects succeed, and a removed file is marked so a replay skips
 * it. A failing S3 call fails the batch, which the tracking processor retries.
 */
@Component
@ProcessingGroup(AttachmentFiles.PROCESSING_GROUP)
public class AttachmentFiles {

    public static final String PROCESSING_GROUP = "attachment-files";

    private final JdbcTemplate jdbc;
    private final AttachmentStorage storage;

    AttachmentFiles(JdbcTemplate jdbc, AttachmentStorage storage) {
        this.jdbc = jdbc;
        this.storage = storage;
    }

    @EventHandler
    void on(AttachmentUploadRequestedEvent event) {
        jdbc.update("INSERT INTO attachment_file (attachment_id, channel_id, server_id) VALUES (?, ?, ?) "
                        + "ON CONFLICT (attachment_id) DO NOTHING",
                Long.parseLong(event.attachmentId().value()), Long.parseLong(event.channelId().value()),
                event.serverId() == null ? null : Long.parseLong(event.serverId().value()));
    }

    @EventHandler
    void on(AttachmentUsedEvent event) {
        jdbc.update("UPDATE attachment_file SET message_id = ? WHERE attachment_id = ?",
                Long.parseLong(event.messageId().value()), Long.parseLong(event.attachmentId().value()));
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        remove(jdbc.queryForList("SELECT attachment_id FROM attachment_file WHERE message_id = ? AND removed_at IS NULL",
                Long.class, Long.parseLong(event.messageId().value())));
    }

    /**
     * The channel's files, and those of its threads (which go with it; their ids are in the event store).
     * The threads are found in the stored JSON text, not through a {@code jsonb} cast: one stored
     * payload that {@code jsonb} refuses (names with half a surrogate pair were once accepted) would
     * fail every channel deletion and stall this processor. Jackson writes the fields compactly and
     * escapes every quote inside a value, so {@code "parentId":"<id>"} only matches the field.
     */
    @EventHandler
    void on(ChannelDeletedEvent event) {
        remove(jdbc.queryForList("SELECT attachment_id FROM attachment_file WHERE channel_id = ? AND removed_at IS NULL",
                Long.class, Long.parseLong(event.channelId().value())));
        remove(jdbc.queryForList("SELECT attachment_id FROM attachment_file WHERE removed_at IS NULL AND channel_id IN "
                        + "(SELECT aggregate_identifier::bigint FROM domain_event_entry WHERE payload_type = ? "
                        + "AND strpos(convert_from(payload, 'UTF8'), ?) > 0 "
                        + "AND strpos(convert_from(payload, 'UTF8'), '\"type\":\"THREAD\"') > 0)",
                Long.class, ChannelCreatedEvent.class.getName(), "\"parentId\":\"" + event.channelId().value() + "\""));
    }

    @EventHandler
    void on(ServerDeletedEvent event) {
        remove(jdbc.queryForList("SELECT attachment_id FROM attachment_file WHERE server_id = ? AND removed_at IS NULL",
                Long.class, Long.parseLong(event.serverId().value())));
    }

    private void remove(List<Long> attachmentIds) {
        for (var id : attachmentIds) {
            storage.delete(Long.toString(id));
            jdbc.update("UPDATE attachment_file SET removed_at = now() WHERE attachment_id = ?", id);
        }
    }
}

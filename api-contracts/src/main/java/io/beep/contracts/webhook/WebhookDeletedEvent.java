package io.beep.contracts.webhook;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A webhook was deleted; its token is no longer accepted. */
@EventRevision("1")
public record WebhookDeletedEvent(
        WebhookId webhookId,
        ChannelId channelId,
        UserId deletedBy,
        Instant deletedAt) implements WebhookEvent {
}

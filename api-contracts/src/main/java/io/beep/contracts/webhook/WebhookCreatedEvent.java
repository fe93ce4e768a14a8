package io.beep.contracts.webhook;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;

/** A webhook was created in a channel. */
@EventRevision("1")
public record WebhookCreatedEvent(
        WebhookId webhookId,
        ChannelId channelId,
        ServerId serverId,
        String name,
        UserId createdBy,
        Instant createdAt) implements WebhookEvent {
}

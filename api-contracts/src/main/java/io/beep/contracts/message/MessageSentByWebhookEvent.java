package io.beep.contracts.message;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.EventRevision;
import io.beep.contracts.common.MessageId;

/**
 * The message was posted through a webhook; applied right after its {@link MessageSentEvent},
 * whose {@code authorId} is then the webhook's id. {@code displayName} is the name it is shown with.
 */
@EventRevision("1")
public record MessageSentByWebhookEvent(
        MessageId messageId,
        ChannelId channelId,
        String webhookId,
        String displayName) implements MessageEvent {
}

package io.beep.command.message;

import io.beep.contracts.common.UserId;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code message_idempotency} table: which message a user's idempotency key produced. A claim
 * runs in the send's transaction, so the row exists exactly when the message's event does; a
 * concurrent claim of the same key blocks on the primary key until the first one commits or rolls
 * back, then either sees the winner's row or takes the key itself.
 */
@Component
class MessageIdempotency {

    private final JdbcTemplate jdbc;

    MessageIdempotency(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The message a key already produced. */
    Optional<Claim> find(UserId user, String key) {
        return jdbc.query("SELECT message_id, channel_id FROM message_idempotency WHERE user_id = ? AND idempotency_key = ?",
                        (row, i) -> new Claim(Long.toString(row.getLong(1)), Long.toString(row.getLong(2))),
                        user.value(), key)
                .stream().findFirst();
    }

    /** Takes the key for a new message; false if another send already holds it. */
    boolean claim(UserId user, String key, String messageId, String channelId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an idempotency key must be claimed in the send's transaction");
        }
        return jdbc.update("INSERT INTO message_idempotency (user_id, idempotency_key, message_id, channel_id) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                user.value(), key, Long.parseLong(messageId), Long.parseLong(channelId)) == 1;
    }

    /** A key's message. */
    record Claim(String messageId, String channelId) {
    }
}

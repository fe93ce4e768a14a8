package io.beep.command.account;

import io.beep.contracts.common.UserId;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The TOTP secrets of {@code totp_secret}: one pending or active secret per user. */
@Component
class TotpSecrets {

    /** A stored secret; {@code credentialId} is null while the set-up is not confirmed. */
    record Stored(String secret, String credentialId) {
    }

    private final JdbcTemplate jdbc;

    TotpSecrets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(UserId user) {
        return jdbc.query("SELECT secret, credential_id FROM totp_secret WHERE user_id = ?",
                (row, i) -> new Stored(row.getString(1), row.getString(2)), user.value()).stream().findFirst();
    }

    /** Stores a new pending secret, replacing an earlier pending one. */
    void savePending(UserId user, String secret) {
        jdbc.update("INSERT INTO totp_secret (user_id, secret) VALUES (?, ?) ON CONFLICT (user_id) "
                + "DO UPDATE SET secret = EXCLUDED.secret, credential_id = NULL, created_at = now()", user.value(), secret);
    }

    void activate(UserId user, String credentialId) {
        jdbc.update("UPDATE totp_secret SET credential_id = ? WHERE user_id = ?", credentialId, user.value());
    }

    void remove(UserId user) {
        jdbc.update("DELETE FROM totp_secret WHERE user_id = ?", user.value());
    }
}

package io.beep.command.platform.idempotency;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The keys of POSTs in PostgreSQL ({@code request_idempotency}). The primary key (user, key) decides
 * races: exactly one request inserts the claim. A claim's state is {@code pending} until a command
 * of its request is stored ({@code applied}, marked in that command's transaction by
 * {@link ClaimEffects}) and {@code done} with the answer. A claim left unfinished longer than
 * {@code abandonAfter} (its service stopped mid-request) may be taken over only while it is
 * {@code pending}, i.e. nothing of the first request was stored; an abandoned {@code applied} claim
 * is {@link Claim.Interrupted}.
 */
@Component
class RequestIdempotency {

    private final JdbcTemplate jdbc;
    private final Duration abandonAfter = Duration.ofSeconds(60);

    RequestIdempotency(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Claim claim(String user, String key, String request) {
        for (int attempt = 0; ; attempt++) {
            int inserted = jdbc.update("INSERT INTO request_idempotency (user_id, idempotency_key, request, state) "
                    + "VALUES (?, ?, ?, 'pending') ON CONFLICT DO NOTHING", user, key, request);
            if (inserted == 1) {
                return new Claim.Won();
            }
            var found = jdbc.query("SELECT request, state, status, content_type, location, consistency, body, "
                            + "created_at < now() - ? * interval '1 second' AS abandoned "
                            + "FROM request_idempotency WHERE user_id = ? AND idempotency_key = ?",
                    (rs, i) -> new Found(new StoredAnswer(rs.getString("request"), rs.getInt("status"),
                            rs.getString("content_type"), rs.getString("location"), rs.getString("consistency"),
                            rs.getBytes("body")), rs.getString("state"), rs.getBoolean("abandoned")),
                    abandonAfter.toSeconds(), user, key);
            if (!found.isEmpty()) {
                var row = found.get(0);
                if ("done".equals(row.state())) {
                    return new Claim.Done(row.answer());
                }
                if (row.abandoned() && "applied".equals(row.state())) {
                    return new Claim.Interrupted(row.answer().request());
                }
                if (!row.abandoned() || !request.equals(row.answer().request()) || attempt > 0) {
                    return new Claim.Running(row.answer().request());
                }
                jdbc.update("DELETE FROM request_idempotency WHERE user_id = ? AND idempotency_key = ? "
                        + "AND state = 'pending' AND created_at < now() - ? * interval '1 second'",
                        user, key, abandonAfter.toSeconds());
            }
        }
    }

    void complete(String user, String key, StoredAnswer answer) {
        jdbc.update("UPDATE request_idempotency SET state = 'done', status = ?, content_type = ?, location = ?, "
                        + "consistency = ?, body = ? WHERE user_id = ? AND idempotency_key = ?",
                answer.status(), answer.contentType(), answer.location(), answer.consistency(), answer.body(), user, key);
    }

    /** Marks that the claim's request stored a command; runs in that command's transaction. */
    void applied(String user, String key) {
        jdbc.update("UPDATE request_idempotency SET state = 'applied' WHERE user_id = ? AND idempotency_key = ? "
                + "AND state = 'pending'", user, key);
    }

    /** Forgets the claim of a request that failed (also after it stored a command), so a retry runs again. */
    void release(String user, String key) {
        jdbc.update("DELETE FROM request_idempotency WHERE user_id = ? AND idempotency_key = ? "
                + "AND state IN ('pending', 'applied')", user, key);
    }

    /** A stored row: its answer (when done), its state and whether its unfinished claim outlived {@code abandonAfter}. */
    private record Found(StoredAnswer answer, String state, boolean abandoned) {
    }
}

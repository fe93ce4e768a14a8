package io.beep.command.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link MuteSchedule} on PostgreSQL ({@code member_mute_schedule}); also what {@link MuteExpiry} reads. */
@Component
class JdbcMuteSchedule implements MuteSchedule {

    private final JdbcTemplate jdbc;

    JdbcMuteSchedule(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void schedule(ServerId server, UserId user, Instant until) {
        jdbc.update("INSERT INTO member_mute_schedule (server_id, user_id, muted_until) VALUES (?, ?, ?) "
                + "ON CONFLICT (server_id, user_id) DO UPDATE SET muted_until = EXCLUDED.muted_until",
                Long.parseLong(server.value()), user.value(), Timestamp.from(until));
    }

    @Override
    public void cancel(ServerId server, UserId user) {
        jdbc.update("DELETE FROM member_mute_schedule WHERE server_id = ? AND user_id = ?",
                Long.parseLong(server.value()), user.value());
    }

    /** Mutes whose time has come, oldest first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.query("SELECT server_id, user_id, muted_until FROM member_mute_schedule WHERE muted_until <= ? "
                        + "ORDER BY muted_until LIMIT ?",
                (rs, i) -> new Due(ServerId.of(Long.toString(rs.getLong(1))), UserId.of(rs.getString(2)),
                        rs.getTimestamp(3).toInstant()),
                Timestamp.from(now), limit);
    }

    /** Drops a row once its unmute was sent, unless a re-mute moved it meanwhile. */
    void done(Due due) {
        jdbc.update("DELETE FROM member_mute_schedule WHERE server_id = ? AND user_id = ? AND muted_until = ?",
                Long.parseLong(due.server().value()), due.user().value(), Timestamp.from(due.until()));
    }

    /** A mute whose time has come. */
    record Due(ServerId server, UserId user, Instant until) {
    }
}

package io.beep.command.server;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.ServerId;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link InviteCodes} on PostgreSQL ({@code server_invite_code}), in the command's transaction. */
@Component
class JdbcInviteCodes implements InviteCodes {

    private final JdbcTemplate jdbc;

    JdbcInviteCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(String code, ServerId server) {
        int added = jdbc.update("INSERT INTO server_invite_code (code, server_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                code, Long.parseLong(server.value()));
        if (added == 0) {
            throw new DomainException(ErrorCode.CONFLICT, "invitation code taken; try again");
        }
    }

    @Override
    public Optional<ServerId> serverOf(String code) {
        return jdbc.query("SELECT server_id FROM server_invite_code WHERE code = ?",
                (rs, i) -> ServerId.of(Long.toString(rs.getLong(1))), code).stream().findFirst();
    }
}

package io.beep.command.server;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link ServerMemberships} on PostgreSQL ({@code server_membership}, {@code user_server_count}). The
 * count row is changed by one conditional upsert, which locks it: concurrent joins of one user are
 * serialised there, and the one that would make 51 changes nothing and fails. The statements run
 * on the connection of the command's transaction (Axon's unit of work runs in the Spring
 * transaction of this data source), so a failure anywhere rolls back the row and the event alike.
 */
@Component
class JdbcServerMemberships implements ServerMemberships {

    private final JdbcTemplate jdbc;

    JdbcServerMemberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reserve(UserId user, ServerId server) {
        requireTransaction();
        int added = jdbc.update("INSERT INTO server_membership (user_id, server_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                user.value(), Long.parseLong(server.value()));
        if (added == 0) {
            return;
        }
        int counted = jdbc.update("INSERT INTO user_server_count AS c (user_id, servers) VALUES (?, 1) "
                + "ON CONFLICT (user_id) DO UPDATE SET servers = c.servers + 1 WHERE c.servers < ?", user.value(), LIMIT);
        if (counted == 0) {
            throw new DomainException(ErrorCode.SERVER_LIMIT_REACHED,
                    "a user can be in at most " + LIMIT + " servers; leave one first");
        }
    }

    @Override
    public void release(UserId user, ServerId server) {
        requireTransaction();
        int removed = jdbc.update("DELETE FROM server_membership WHERE user_id = ? AND server_id = ?",
                user.value(), Long.parseLong(server.value()));
        if (removed > 0) {
            jdbc.update("UPDATE user_server_count SET servers = servers - 1 WHERE user_id = ?", user.value());
        }
    }

    @Override
    public void releaseAll(ServerId server) {
        requireTransaction();
        jdbc.update("WITH gone AS (DELETE FROM server_membership WHERE server_id = ? RETURNING user_id) "
                + "UPDATE user_server_count c SET servers = c.servers - 1 FROM gone WHERE c.user_id = gone.user_id",
                Long.parseLong(server.value()));
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("membership changes must run in the command's transaction");
        }
    }
}

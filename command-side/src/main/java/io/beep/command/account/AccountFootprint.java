package io.beep.command.account;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendshipId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an account is part of, from the command side's own indexes: its server memberships
 * ({@code server_membership}) and every friendship it ever had a request in
 * ({@code friend_request_index}; a friendship id is the two user ids, sorted, joined by ':').
 */
@Component
class AccountFootprint {

    private final JdbcTemplate jdbc;

    AccountFootprint(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<ServerId> servers(UserId user) {
        return new LinkedHashSet<>(jdbc.query("SELECT server_id FROM server_membership WHERE user_id = ? ORDER BY server_id",
                (row, i) -> ServerId.of(Long.toString(row.getLong(1))), user.value()));
    }

    Set<FriendshipId> friendships(UserId user) {
        return new LinkedHashSet<>(jdbc.query("SELECT DISTINCT friendship_id FROM friend_request_index "
                        + "WHERE friendship_id LIKE ? OR friendship_id LIKE ? ORDER BY friendship_id",
                (row, i) -> new FriendshipId(row.getString(1)), like(user) + ":%", "%:" + like(user)));
    }

    private static String like(UserId user) {
        return user.value().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

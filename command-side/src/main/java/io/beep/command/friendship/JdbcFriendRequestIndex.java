package io.beep.command.friendship;

import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendshipId;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link FriendRequestIndex} on PostgreSQL ({@code friend_request_index}). The insert runs on the
 * connection of the command's transaction, so the row exists exactly when the request's event does.
 */
@Component
class JdbcFriendRequestIndex implements FriendRequestIndex {

    private final JdbcTemplate jdbc;

    JdbcFriendRequestIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(FriendRequestId requestId, FriendshipId friendshipId) {
        jdbc.update("INSERT INTO friend_request_index (request_id, friendship_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                Long.parseLong(requestId.value()), friendshipId.value());
    }

    @Override
    public Optional<FriendshipId> find(FriendRequestId requestId) {
        return jdbc.query("SELECT friendship_id FROM friend_request_index WHERE request_id = ?",
                (row, i) -> new FriendshipId(row.getString(1)), Long.parseLong(requestId.value())).stream().findFirst();
    }
}

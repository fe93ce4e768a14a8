package io.beep.saga.permission;

import io.beep.contracts.server.ServerCreatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The events {@link ServerPermissionsSaga} saw for one server, read from the event store: those of the
 * payload types it handles whose {@code serverId} is the server, in store order (exactly its association).
 * One pass over the event table that parses only the rows of those types. The server is found in the
 * stored JSON text ({@code "serverId":"<id>"}), not through a {@code jsonb} cast: PostgreSQL's jsonb
 * refuses some texts that are valid JSON (half a surrogate pair, once accepted in names), and one such
 * payload would fail every check. Jackson writes fields compactly and escapes every quote inside a
 * value, so the text only matches the field.
 */
@Component
class ServerHistory {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ServerHistory(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One stored event. */
    record Stored(long position, Instant storedAt, Object payload) {
    }

    List<Stored> of(String serverId, Collection<Class<?>> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        var names = types.stream().map(Class::getName).toArray(String[]::new);
        var rows = jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT global_index, time_stamp, payload_type, "
                    + "payload_revision, payload FROM domain_event_entry WHERE payload_type = ANY (?) "
                    + "AND strpos(convert_from(payload, 'UTF8'), ?) > 0 ORDER BY global_index");
            statement.setArray(1, connection.createArrayOf("varchar", names));
            statement.setString(2, field(serverId));
            return statement;
        }, (row, i) -> new Stored(row.getLong(1), Instant.parse(row.getString(2)),
                serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(5), byte[].class,
                        row.getString(3), row.getString(4)))));
        return new ArrayList<>(rows);
    }

    /**
     * Up to {@code limit} ids of servers ever created (deleted ones included) greater than {@code after},
     * in ascending numeric order.
     */
    List<String> serverIds(long after, int limit) {
        // materialized first: other aggregates' ids (user ids) are not numbers and must never meet the cast
        return jdbc.queryForList("WITH servers AS MATERIALIZED (SELECT aggregate_identifier AS id FROM "
                        + "domain_event_entry WHERE payload_type = ?) SELECT id FROM servers WHERE id::bigint > ? "
                        + "ORDER BY id::bigint LIMIT ?",
                String.class, ServerCreatedEvent.class.getName(), after, limit);
    }

    /** The store position of the newest of those events, 0 if none. */
    long newest(String serverId, Collection<Class<?>> types) {
        var names = types.stream().map(Class::getName).toArray(String[]::new);
        var positions = jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT max(global_index) FROM domain_event_entry "
                    + "WHERE payload_type = ANY (?) AND strpos(convert_from(payload, 'UTF8'), ?) > 0");
            statement.setArray(1, connection.createArrayOf("varchar", names));
            statement.setString(2, field(serverId));
            return statement;
        }, (row, i) -> row.getLong(1));
        return positions.isEmpty() ? 0 : positions.get(0);
    }

    /** The stored JSON text of a {@code serverId} field naming the server (server ids are digits). */
    private static String field(String serverId) {
        if (serverId.isEmpty() || !serverId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("server id " + serverId);
        }
        return "\"serverId\":\"" + serverId + "\"";
    }
}

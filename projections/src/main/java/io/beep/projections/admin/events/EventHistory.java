package io.beep.projections.admin.events;

import io.beep.projections.platform.db.DataSources;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads the event store in global order with a server-side cursor ({@value #FETCH_SIZE} rows a
 * round trip), so memory stays flat however long the history is, and hands each event, upcast, to
 * a consumer.
 */
@Component
public class EventHistory {

    static final int FETCH_SIZE = 5_000;

    private final DataSource events;
    private final Upcasting upcasting;

    public EventHistory(@Qualifier(DataSources.EVENTS) DataSource events, Upcasting upcasting) {
        this.events = events;
        this.upcasting = upcasting;
    }

    /** Receives events one by one; returning false stops the read. */
    @FunctionalInterface
    public interface Sink {
        boolean accept(StoredEvent event) throws Exception;
    }

    /** How many stored events match {@code query} (before upcasting, ignoring its limit). */
    public long count(EventQuery query) throws SQLException {
        var sql = new StringBuilder("select count(*) from domain_event_entry where true");
        var parameters = new ArrayList<Object>();
        try (Connection connection = events.getConnection()) {
            where(query, connection, sql, parameters);
            try (var statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }

    /** Feeds every event matching {@code query} to {@code sink}; answers how many were fed. */
    public long read(EventQuery query, Sink sink) throws Exception {
        var sql = new StringBuilder("select global_index, event_identifier, type, aggregate_identifier, "
                + "sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data "
                + "from domain_event_entry where true");
        var parameters = new ArrayList<Object>();
        try (Connection connection = events.getConnection()) {
            where(query, connection, sql, parameters);
            sql.append(" order by global_index");
            if (query.limit() != null) {
                sql.append(" limit ?");
                parameters.add(query.limit());
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement(sql.toString())) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                long count = 0;
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        var stored = new StoredEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getLong(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getBytes(9));
                        var current = upcasting.isCurrent(stored.payloadType(), stored.revision())
                                ? List.of(stored) : upcasting.upcast(stored, rows.getBytes(10));
                        for (var event : current) {
                            count++;
                            if (!sink.accept(event)) {
                                return count;
                            }
                        }
                    }
                }
                return count;
            } finally {
                try {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // the connection is broken; the pool discards it
                }
            }
        }
    }

    private static void where(EventQuery query, Connection connection, StringBuilder sql, List<Object> parameters)
            throws SQLException {
        if (query.from() != null) {
            sql.append(" and global_index >= ?");
            parameters.add(query.from());
        }
        if (query.to() != null) {
            sql.append(" and global_index <= ?");
            parameters.add(query.to());
        }
        if (query.aggregateId() != null) {
            sql.append(" and aggregate_identifier = ?");
            parameters.add(query.aggregateId());
        }
        if (query.since() != null) {
            sql.append(" and time_stamp::timestamptz >= ?");
            parameters.add(OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.until() != null) {
            sql.append(" and time_stamp::timestamptz < ?");
            parameters.add(OffsetDateTime.ofInstant(query.until(), ZoneOffset.UTC));
        }
        List<String> typePatterns = new ArrayList<>();
        for (var type : query.types()) {
            var escaped = type.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
            typePatterns.add(escaped);
            typePatterns.add("%." + escaped);
        }
        if (!typePatterns.isEmpty()) {
            sql.append(" and payload_type like any (?)");
            parameters.add(connection.createArrayOf("text", typePatterns.toArray()));
        }
    }
}

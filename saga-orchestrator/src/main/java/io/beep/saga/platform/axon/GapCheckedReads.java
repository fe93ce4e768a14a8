package io.beep.saga.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The tracked-event reads of the JDBC storage engine with its "extended gap check" folded into
 * the same statement. Axon reads the window {@code (index, index + batchSize]} and, when that is
 * empty, asks {@code min(global_index) > index} in a second query in case more than a batch of
 * positions are missing; at the head of the store every poll is empty, so every poll paid two
 * statements. Here the window's upper end is {@code GREATEST(index + batchSize, <that min>)}:
 * the same rows Axon's second read returns, in one statement. Use with
 * {@code extendedGapCheckEnabled(false)}.
 */
public final class GapCheckedReads {

    private GapCheckedReads() {
    }

    /** Events after {@code globalIndex}, up to a batch or to the next stored event beyond a wider gap. */
    public static PreparedStatement withoutGaps(Connection connection, EventSchema schema, long globalIndex,
                                                int batchSize) throws SQLException {
        var statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + " FROM "
                + schema.domainEventTable() + " WHERE " + window(schema) + " ORDER BY " + schema.globalIndexColumn()
                + " ASC");
        bindWindow(statement, globalIndex, batchSize);
        return statement;
    }

    /** As {@link #withoutGaps}, plus the token's gaps that have been filled since. */
    public static PreparedStatement withGaps(Connection connection, EventSchema schema, long globalIndex,
                                             int batchSize, List<Long> gaps) throws SQLException {
        var statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + " FROM "
                + schema.domainEventTable() + " WHERE " + window(schema) + " OR " + schema.globalIndexColumn()
                + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ") ORDER BY "
                + schema.globalIndexColumn() + " ASC");
        bindWindow(statement, globalIndex, batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 4, gaps.get(i));
        }
        return statement;
    }

    private static String window(EventSchema schema) {
        var index = schema.globalIndexColumn();
        return "(" + index + " > ? AND " + index + " <= GREATEST(?, (SELECT min(" + index + ") FROM "
                + schema.domainEventTable() + " WHERE " + index + " > ?)))";
    }

    private static void bindWindow(PreparedStatement statement, long globalIndex, int batchSize) throws SQLException {
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
    }
}

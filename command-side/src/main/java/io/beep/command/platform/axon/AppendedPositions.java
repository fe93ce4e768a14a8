package io.beep.command.platform.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Global positions of the events this thread appends, read from the event insert itself
 * ({@code RETURNING global_index}) instead of a query after the command. Only while a caller
 * {@linkplain #capture(Supplier) captures} on this thread; every other append is Axon's own
 * statement. Within a capture the insert is the same statement (same rows, same batch) and also
 * returns each row's generated global index, kept per aggregate (the highest one).
 */
public final class AppendedPositions {

    private static final ThreadLocal<Map<String, Long>> CAPTURED = new ThreadLocal<>();

    private AppendedPositions() {
    }

    /** What {@code action} returned, and the newest position it appended per aggregate on this thread. */
    public static <T> Captured<T> capture(Supplier<T> action) {
        var outer = CAPTURED.get();
        var positions = new HashMap<String, Long>();
        CAPTURED.set(positions);
        try {
            return new Captured<>(action.get(), positions);
        } finally {
            if (outer == null) {
                CAPTURED.remove();
            } else {
                outer.putAll(positions);
                CAPTURED.set(outer);
            }
        }
    }

    /** Axon's append statement; inside a capture it also reports the generated global indexes. */
    static PreparedStatement appendEvents(Connection connection, EventSchema schema, Class<?> dataType,
                                          List<? extends EventMessage<?>> events, Serializer serializer,
                                          TimestampWriter timestampWriter) throws SQLException {
        var positions = CAPTURED.get();
        if (positions == null) {
            return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                    timestampWriter);
        }
        var returningIndex = (Connection) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ReturningIndex(connection, schema.globalIndexColumn()));
        var statement = JdbcEventStorageEngineStatements.appendEvents(returningIndex, schema, dataType, events,
                serializer, timestampWriter);
        return (PreparedStatement) Proxy.newProxyInstance(AppendedPositions.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, new KeysAfterBatch(statement, events, positions));
    }

    /** An action's result with the positions it appended. */
    public record Captured<T>(T result, Map<String, Long> positions) {

        /** The newest position appended for {@code aggregateId}, or null if none was (on this thread). */
        public Long of(String aggregateId) {
            return positions.get(aggregateId);
        }
    }

    private static String aggregateOf(EventMessage<?> event) {
        // the aggregate Axon's statement writes: a non-domain event is stored under its own id
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A connection whose {@code prepareStatement(sql)} asks for the generated global index. */
    private record ReturningIndex(Connection connection, String indexColumn) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                return connection.prepareStatement((String) args[0], new String[] {indexColumn});
            }
            return call(connection, method, args);
        }
    }

    /** After the batch ran, records each row's generated index under its event's aggregate. */
    private record KeysAfterBatch(PreparedStatement statement, List<? extends EventMessage<?>> events,
                                  Map<String, Long> positions) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            var result = call(statement, method, args);
            if (method.getName().equals("executeBatch")) {
                try (var keys = statement.getGeneratedKeys()) {
                    for (int row = 0; row < events.size() && keys.next(); row++) {
                        positions.merge(aggregateOf(events.get(row)), keys.getLong(1), Math::max);
                    }
                }
            }
            return result;
        }
    }
}

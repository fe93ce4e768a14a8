package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.SERVER_MEMBER;
import static io.beep.projections.jooq.Tables.SERVER_ROLE;
import static io.beep.projections.jooq.Tables.SERVER_VIEW;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectCount;

import io.beep.projections.jooq.tables.records.ServerMemberRecord;
import io.beep.projections.jooq.tables.records.ServerRoleRecord;
import io.beep.projections.jooq.tables.records.ServerViewRecord;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The {@code server-views} writes of one unit of work (a processor batch, a rebuild chunk) that are
 * collected and sent as one statement per table: new servers (upsert by id; of two
 * creations of one server the later position wins, as it would one after the other), new members
 * and roles (inserted unless present; the first one wins, as it would), and the servers whose member
 * count is recounted (one {@code UPDATE … WHERE id IN (…)}). They are written when the unit of work
 * prepares to commit, and before any other statement of the processor: its handlers call
 * {@link #flush} first, so the statements keep the order of the events (a join then a leave in one
 * batch inserts the member, then deletes it). Outside a unit of work every write goes at once.
 *
 * <p>The handler classes of the processor share one collection per unit of work and
 * {@code DSLContext} (the live one or a rebuild copy's). A buffered row fails only when the batch
 * commits, where the dead-letter queue cannot park its one event, so the handlers check what the
 * table would refuse (missing values, too long ids) before they buffer a row.
 */
final class ServerViewBatch {

    private static final DataType<Long[]> BIGINTS = SQLDataType.BIGINT.getArrayDataType();
    private static final DataType<Integer[]> INTEGERS = SQLDataType.INTEGER.getArrayDataType();
    private static final DataType<String[]> TEXTS = SQLDataType.VARCHAR.getArrayDataType();
    private static final DataType<Boolean[]> BOOLEANS = SQLDataType.BOOLEAN.getArrayDataType();
    private static final DataType<OffsetDateTime[]> TIMESTAMPS =
            SQLDataType.TIMESTAMPWITHTIMEZONE.getArrayDataType();
    /** The width of the user id columns. */
    private static final int USER_ID_LENGTH = 64;

    private final DSLContext db;
    private final String key;

    ServerViewBatch(DSLContext db) {
        this.db = db;
        this.key = ServerViewBatch.class.getName() + "@" + System.identityHashCode(db);
    }

    /** Upserts the server row (only over an older position). */
    void server(ServerViewRecord row) {
        require(row.getName() != null && row.getVisibility() != null && row.getCreatedAt() != null, "server");
        requireUserId(row.getOwnerId());
        add(pending -> pending.servers.merge(row.getId(), row,
                (kept, next) -> next.getLastPosition() > kept.getLastPosition() ? next : kept));
    }

    /** Inserts the member row unless the member is there. */
    void member(ServerMemberRecord row) {
        require(row.getJoinedAt() != null, "member");
        requireUserId(row.getUserId());
        add(pending -> pending.members.putIfAbsent(List.of(row.getServerId(), row.getUserId()), row));
    }

    /** Inserts the role row unless the role is there. */
    void role(ServerRoleRecord row) {
        require(row.getName() != null && row.getPermissions() != null, "role");
        add(pending -> pending.roles.putIfAbsent(row.getId(), row));
    }

    /** Recounts the server's members from its member rows when the unit of work commits. */
    void recount(long serverId) {
        add(pending -> pending.recount.add(serverId));
    }

    /** Writes the collected rows now (not the recounts): call before any other statement. */
    void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Pending pending = CurrentUnitOfWork.get().root().getResource(key);
            if (pending != null) {
                writeRows(pending);
            }
        }
    }

    private void add(Consumer<Pending> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            var pending = new Pending();
            change.accept(pending);
            write(pending);
            return;
        }
        var root = CurrentUnitOfWork.get().root();
        change.accept(root.getOrComputeResource(key, k -> {
            var pending = new Pending();
            root.onPrepareCommit(unitOfWork -> write(pending));
            return pending;
        }));
    }

    private void write(Pending pending) {
        writeRows(pending);
        if (!pending.recount.isEmpty()) {
            var servers = List.copyOf(pending.recount);
            pending.recount.clear();
            db.update(SERVER_VIEW)
                    .set(SERVER_VIEW.MEMBER_COUNT, field(selectCount().from(SERVER_MEMBER)
                            .where(SERVER_MEMBER.SERVER_ID.eq(SERVER_VIEW.ID))))
                    .where(SERVER_VIEW.ID.in(servers))
                    .execute();
        }
    }

    /**
     * One statement per table, whatever the number of rows: the rows go as one array per column
     * through {@code unnest}, so the SQL text is the same every time and jOOQ renders no row (it
     * rendered a cast per value of a multi-row {@code VALUES}, a fifth of a rebuild's CPU).
     */
    private void writeRows(Pending pending) {
        if (!pending.servers.isEmpty()) {
            var rows = List.copyOf(pending.servers.values());
            pending.servers.clear();
            db.execute("insert into {0} (id, name, description, visibility, owner_id, member_count, created_at,"
                            + " last_position) select * from unnest({1}, {2}, {3}, {4}, {5}, {6}, {7}, {8})"
                            + " on conflict (id) do update set name = excluded.name,"
                            + " description = excluded.description, visibility = excluded.visibility,"
                            + " owner_id = excluded.owner_id, created_at = excluded.created_at,"
                            + " last_position = excluded.last_position"
                            + " where {0}.last_position < excluded.last_position",
                    SERVER_VIEW,
                    column(rows, ServerViewRecord::getId, Long[]::new, BIGINTS),
                    column(rows, ServerViewRecord::getName, String[]::new, TEXTS),
                    column(rows, ServerViewRecord::getDescription, String[]::new, TEXTS),
                    column(rows, ServerViewRecord::getVisibility, String[]::new, TEXTS),
                    column(rows, ServerViewRecord::getOwnerId, String[]::new, TEXTS),
                    column(rows, ServerViewRecord::getMemberCount, Integer[]::new, INTEGERS),
                    column(rows, ServerViewRecord::getCreatedAt, OffsetDateTime[]::new, TIMESTAMPS),
                    column(rows, ServerViewRecord::getLastPosition, Long[]::new, BIGINTS));
        }
        if (!pending.roles.isEmpty()) {
            var rows = List.copyOf(pending.roles.values());
            pending.roles.clear();
            db.execute("insert into {0} (id, server_id, name, permissions, everyone, last_position)"
                            + " select * from unnest({1}, {2}, {3}, {4}, {5}, {6}) on conflict do nothing",
                    SERVER_ROLE,
                    column(rows, ServerRoleRecord::getId, Long[]::new, BIGINTS),
                    column(rows, ServerRoleRecord::getServerId, Long[]::new, BIGINTS),
                    column(rows, ServerRoleRecord::getName, String[]::new, TEXTS),
                    column(rows, ServerRoleRecord::getPermissions, String[]::new, TEXTS),
                    column(rows, ServerRoleRecord::getEveryone, Boolean[]::new, BOOLEANS),
                    column(rows, ServerRoleRecord::getLastPosition, Long[]::new, BIGINTS));
        }
        if (!pending.members.isEmpty()) {
            var rows = List.copyOf(pending.members.values());
            pending.members.clear();
            db.execute("insert into {0} (server_id, user_id, joined_at, joined_position)"
                            + " select * from unnest({1}, {2}, {3}, {4}) on conflict do nothing",
                    SERVER_MEMBER,
                    column(rows, ServerMemberRecord::getServerId, Long[]::new, BIGINTS),
                    column(rows, ServerMemberRecord::getUserId, String[]::new, TEXTS),
                    column(rows, ServerMemberRecord::getJoinedAt, OffsetDateTime[]::new, TIMESTAMPS),
                    column(rows, ServerMemberRecord::getJoinedPosition, Long[]::new, BIGINTS));
        }
    }

    /** One column of {@code rows} as an array bind value of {@code type}. */
    private static <R, T> Field<T[]> column(List<R> rows, Function<R, T> value, IntFunction<T[]> array,
                                            DataType<T[]> type) {
        var values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return DSL.val(values, type);
    }

    private static void require(boolean valid, String what) {
        if (!valid) {
            throw new IllegalArgumentException("the event leaves a required " + what + " column empty");
        }
    }

    private static void requireUserId(String userId) {
        if (userId == null || userId.length() > USER_ID_LENGTH) {
            throw new IllegalArgumentException("not a user id the views can hold: " + userId);
        }
    }

    /** The rows and recounts collected in one unit of work, in arrival order. */
    private static final class Pending {

        final Map<Long, ServerViewRecord> servers = new LinkedHashMap<>();
        final Map<Long, ServerRoleRecord> roles = new LinkedHashMap<>();
        final Map<List<Object>, ServerMemberRecord> members = new LinkedHashMap<>();
        final Set<Long> recount = new LinkedHashSet<>();
    }
}

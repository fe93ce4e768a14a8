package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.SERVER_MEMBER;
import static io.beep.projections.jooq.Tables.SERVER_ROLE;
import static io.beep.projections.jooq.Tables.SERVER_VIEW;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectCount;

import io.beep.projections.jooq.tables.records.ServerMemberRecord;
import io.beep.projections.jooq.tables.records.ServerRoleRecord;
import io.beep.projections.jooq.tables.records.ServerViewRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jooq.DSLContext;

/**
 * The {@code server-views} writes of one unit of work (a processor batch, a rebuild chunk) that are
 * collected and sent as one multi-row statement per table: new servers (upsert by id; of two
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

    /** At most this many rows per statement (PostgreSQL takes at most 65,535 parameters). */
    private static final int ROWS_PER_STATEMENT = 1_000;
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

    private void writeRows(Pending pending) {
        for (var rows : chunks(pending.servers.values())) {
            var insert = db.insertInto(SERVER_VIEW, SERVER_VIEW.ID, SERVER_VIEW.NAME, SERVER_VIEW.DESCRIPTION,
                    SERVER_VIEW.VISIBILITY, SERVER_VIEW.OWNER_ID, SERVER_VIEW.MEMBER_COUNT, SERVER_VIEW.CREATED_AT,
                    SERVER_VIEW.LAST_POSITION);
            for (var row : rows) {
                insert = insert.values(row.getId(), row.getName(), row.getDescription(), row.getVisibility(),
                        row.getOwnerId(), row.getMemberCount(), row.getCreatedAt(), row.getLastPosition());
            }
            insert.onConflict(SERVER_VIEW.ID)
                    .doUpdate()
                    .set(SERVER_VIEW.NAME, excluded(SERVER_VIEW.NAME))
                    .set(SERVER_VIEW.DESCRIPTION, excluded(SERVER_VIEW.DESCRIPTION))
                    .set(SERVER_VIEW.VISIBILITY, excluded(SERVER_VIEW.VISIBILITY))
                    .set(SERVER_VIEW.OWNER_ID, excluded(SERVER_VIEW.OWNER_ID))
                    .set(SERVER_VIEW.CREATED_AT, excluded(SERVER_VIEW.CREATED_AT))
                    .set(SERVER_VIEW.LAST_POSITION, excluded(SERVER_VIEW.LAST_POSITION))
                    .where(SERVER_VIEW.LAST_POSITION.lt(excluded(SERVER_VIEW.LAST_POSITION)))
                    .execute();
        }
        pending.servers.clear();
        for (var rows : chunks(pending.roles.values())) {
            var insert = db.insertInto(SERVER_ROLE, SERVER_ROLE.ID, SERVER_ROLE.SERVER_ID, SERVER_ROLE.NAME,
                    SERVER_ROLE.PERMISSIONS, SERVER_ROLE.EVERYONE, SERVER_ROLE.LAST_POSITION);
            for (var row : rows) {
                insert = insert.values(row.getId(), row.getServerId(), row.getName(), row.getPermissions(),
                        row.getEveryone(), row.getLastPosition());
            }
            insert.onConflictDoNothing().execute();
        }
        pending.roles.clear();
        for (var rows : chunks(pending.members.values())) {
            var insert = db.insertInto(SERVER_MEMBER, SERVER_MEMBER.SERVER_ID, SERVER_MEMBER.USER_ID,
                    SERVER_MEMBER.JOINED_AT, SERVER_MEMBER.NICKNAME, SERVER_MEMBER.JOINED_POSITION);
            for (var row : rows) {
                insert = insert.values(row.getServerId(), row.getUserId(), row.getJoinedAt(), null,
                        row.getJoinedPosition());
            }
            insert.onConflictDoNothing().execute();
        }
        pending.members.clear();
    }

    private static <T> List<List<T>> chunks(Iterable<T> rows) {
        var chunks = new ArrayList<List<T>>();
        var chunk = new ArrayList<T>();
        for (var row : rows) {
            chunk.add(row);
            if (chunk.size() == ROWS_PER_STATEMENT) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
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

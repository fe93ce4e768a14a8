package io.beep.queryside.server;

import static io.beep.queryside.jooq.Tables.SERVER_MEMBER;
import static io.beep.queryside.jooq.Tables.SERVER_VIEW;

import io.beep.contracts.common.Page;
import io.beep.contracts.server.ServerView;
import io.beep.queryside.jooq.tables.records.ServerViewRecord;
import io.beep.queryside.platform.web.Paging;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads {@code server_view} and {@code server_member}. */
@Component
public class ServerReader {

    private final DSLContext db;

    public ServerReader(DSLContext db) {
        this.db = db;
    }

    public Optional<ServerView> find(long serverId) {
        return db.selectFrom(SERVER_VIEW).where(SERVER_VIEW.ID.eq(serverId)).fetchOptional().map(ServerReader::view);
    }

    /** The servers {@code userId} is a member of, by id, after the cursor's server. */
    public Page<ServerView> ofMember(String userId, Long afterServerId, int limit) {
        var condition = SERVER_MEMBER.USER_ID.eq(userId);
        if (afterServerId != null) {
            condition = condition.and(SERVER_MEMBER.SERVER_ID.gt(afterServerId));
        }
        var rows = db.select(SERVER_VIEW.fields())
                .from(SERVER_MEMBER)
                .join(SERVER_VIEW).on(SERVER_VIEW.ID.eq(SERVER_MEMBER.SERVER_ID))
                .where(condition)
                .orderBy(SERVER_MEMBER.SERVER_ID)
                .limit(limit + 1)
                .fetchInto(SERVER_VIEW);
        var page = rows.stream().limit(limit).map(ServerReader::view).toList();
        var next = rows.size() > limit ? Paging.cursorAfter(rows.get(limit - 1).getId()) : null;
        return Page.of(page, next);
    }

    private static ServerView view(ServerViewRecord row) {
        return new ServerView(Long.toString(row.getId()), row.getName(), row.getDescription(), row.getVisibility(),
                row.getOwnerId(), row.getMemberCount(), row.getCreatedAt().toInstant());
    }
}

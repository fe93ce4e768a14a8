package io.beep.queryside.invite;

import static io.beep.queryside.jooq.Tables.INVITE_VIEW;
import static io.beep.queryside.jooq.Tables.SERVER_VIEW;

import io.beep.contracts.common.Page;
import io.beep.contracts.server.InviteView;
import io.beep.queryside.platform.web.Paging;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/** Reads {@code invite_view} with the name and member count of each invitation's server. */
@Component
public class InviteReader {

    private final DSLContext db;

    public InviteReader(DSLContext db) {
        this.db = db;
    }

    public Optional<Row> find(String code) {
        return db.select(INVITE_VIEW.fields()).select(SERVER_VIEW.NAME, SERVER_VIEW.MEMBER_COUNT)
                .from(INVITE_VIEW).join(SERVER_VIEW).on(SERVER_VIEW.ID.eq(INVITE_VIEW.SERVER_ID))
                .where(INVITE_VIEW.CODE.eq(code))
                .fetchOptional()
                .map(InviteReader::row);
    }

    /** Every live invitation of a server (expired and used-up ones too), oldest first. */
    public Page<InviteView> ofServer(long serverId, Long after, int limit) {
        return page(INVITE_VIEW.SERVER_ID.eq(serverId), after, limit);
    }

    /** The personal invitations naming {@code userId} that can still be accepted now, oldest first. */
    public Page<InviteView> forUser(String userId, Instant now, Long after, int limit) {
        var usable = INVITE_VIEW.TARGET_USER_ID.eq(userId)
                .and(INVITE_VIEW.EXPIRES_AT.isNull().or(INVITE_VIEW.EXPIRES_AT.gt(now.atOffset(ZoneOffset.UTC))))
                .and(INVITE_VIEW.MAX_USES.isNull().or(INVITE_VIEW.USES.lt(INVITE_VIEW.MAX_USES)));
        return page(usable, after, limit);
    }

    private Page<InviteView> page(Condition condition, Long after, int limit) {
        var where = after == null ? condition : condition.and(INVITE_VIEW.CREATED_POSITION.gt(after));
        var rows = db.select(INVITE_VIEW.fields()).select(SERVER_VIEW.NAME, SERVER_VIEW.MEMBER_COUNT)
                .from(INVITE_VIEW).join(SERVER_VIEW).on(SERVER_VIEW.ID.eq(INVITE_VIEW.SERVER_ID))
                .where(where)
                .orderBy(INVITE_VIEW.CREATED_POSITION)
                .limit(limit + 1)
                .fetch(InviteReader::row);
        var items = rows.stream().limit(limit).map(Row::view).toList();
        var next = rows.size() > limit ? Paging.cursorAfter(rows.get(limit - 1).position()) : null;
        return Page.of(items, next);
    }

    private static Row row(Record r) {
        var expires = r.get(INVITE_VIEW.EXPIRES_AT);
        var view = new InviteView(r.get(INVITE_VIEW.CODE), Long.toString(r.get(INVITE_VIEW.SERVER_ID)),
                r.get(SERVER_VIEW.NAME), r.get(SERVER_VIEW.MEMBER_COUNT),
                expires == null ? null : expires.toInstant(), r.get(INVITE_VIEW.MAX_USES), r.get(INVITE_VIEW.USES),
                r.get(INVITE_VIEW.TARGET_USER_ID), r.get(INVITE_VIEW.CREATED_BY),
                r.get(INVITE_VIEW.CREATED_AT).toInstant());
        return new Row(view, r.get(INVITE_VIEW.CREATED_POSITION));
    }

    /** An invitation and its place in the lists. */
    public record Row(InviteView view, long position) {
    }
}

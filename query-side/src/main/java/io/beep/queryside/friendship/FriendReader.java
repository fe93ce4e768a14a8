package io.beep.queryside.friendship;

import static io.beep.queryside.jooq.Tables.FRIEND_REQUEST_VIEW;
import static io.beep.queryside.jooq.Tables.FRIEND_VIEW;

import io.beep.contracts.friendship.FriendRequestView;
import io.beep.contracts.friendship.FriendView;
import io.beep.queryside.jooq.tables.records.FriendRequestViewRecord;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Reads {@code friend_view} and {@code friend_request_view}. */
@Component
class FriendReader {

    private final DSLContext db;

    FriendReader(DSLContext db) {
        this.db = db;
    }

    /** A user's friends, oldest friendship first. */
    List<FriendView> friendsOf(String userId) {
        return db.selectFrom(FRIEND_VIEW)
                .where(FRIEND_VIEW.USER_ID.eq(userId))
                .orderBy(FRIEND_VIEW.SINCE, FRIEND_VIEW.FRIEND_ID)
                .fetch(r -> new FriendView(r.getFriendId(), r.getSince().toInstant(),
                        r.getDmChannelId() == null ? null : r.getDmChannelId().toString()));
    }

    /** Pending requests to ({@code incoming}) and / or from ({@code outgoing}) a user, by id after {@code after}. */
    List<FriendRequestView> pending(String userId, boolean incoming, boolean outgoing, Long after, int limit) {
        Condition side = DSL.falseCondition();
        if (incoming) {
            side = side.or(FRIEND_REQUEST_VIEW.TO_USER_ID.eq(userId));
        }
        if (outgoing) {
            side = side.or(FRIEND_REQUEST_VIEW.FROM_USER_ID.eq(userId));
        }
        var where = side.and(FRIEND_REQUEST_VIEW.STATUS.eq("pending"));
        if (after != null) {
            where = where.and(FRIEND_REQUEST_VIEW.ID.gt(after));
        }
        return db.selectFrom(FRIEND_REQUEST_VIEW).where(where).orderBy(FRIEND_REQUEST_VIEW.ID).limit(limit)
                .fetch(FriendReader::view);
    }

    private static FriendRequestView view(FriendRequestViewRecord r) {
        return new FriendRequestView(r.getId().toString(), r.getFromUserId(), r.getToUserId(), r.getStatus(),
                r.getDmChannelId() == null ? null : r.getDmChannelId().toString(), r.getCreatedAt().toInstant());
    }
}

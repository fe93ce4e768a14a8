package io.beep.queryside.server;

import static io.beep.queryside.jooq.Tables.MEMBER_ROLE;
import static io.beep.queryside.jooq.Tables.SERVER_BAN;
import static io.beep.queryside.jooq.Tables.SERVER_MEMBER;
import static io.beep.queryside.jooq.Tables.SERVER_ROLE;

import io.beep.contracts.common.Page;
import io.beep.contracts.server.BanView;
import io.beep.contracts.server.MemberView;
import io.beep.contracts.server.RoleView;
import io.beep.queryside.jooq.tables.records.ServerMemberRecord;
import io.beep.queryside.platform.web.Paging;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads members (in join order), their roles, a server's roles and its bans. */
@Component
public class MemberReader {

    private final DSLContext db;

    public MemberReader(DSLContext db) {
        this.db = db;
    }

    /** Members in join order, after the cursor's join position. */
    public Page<MemberView> members(long serverId, Long afterPosition, int limit) {
        var condition = SERVER_MEMBER.SERVER_ID.eq(serverId);
        if (afterPosition != null) {
            condition = condition.and(SERVER_MEMBER.JOINED_POSITION.gt(afterPosition));
        }
        var rows = db.selectFrom(SERVER_MEMBER).where(condition)
                .orderBy(SERVER_MEMBER.JOINED_POSITION, SERVER_MEMBER.USER_ID)
                .limit(limit + 1)
                .fetch();
        var page = rows.stream().limit(limit).toList();
        var roles = rolesOf(serverId, page.stream().map(ServerMemberRecord::getUserId).toList());
        var items = page.stream().map(r -> view(r, roles.getOrDefault(r.getUserId(), List.of()))).toList();
        var next = rows.size() > limit ? Paging.cursorAfter(rows.get(limit - 1).getJoinedPosition()) : null;
        return Page.of(items, next);
    }

    public Optional<MemberView> member(long serverId, String userId) {
        return db.selectFrom(SERVER_MEMBER)
                .where(SERVER_MEMBER.SERVER_ID.eq(serverId).and(SERVER_MEMBER.USER_ID.eq(userId)))
                .fetchOptional()
                .map(r -> view(r, rolesOf(serverId, List.of(userId)).getOrDefault(userId, List.of())));
    }

    /** Every role of a server, the everyone role first. */
    public List<RoleView> roles(long serverId) {
        return db.selectFrom(SERVER_ROLE).where(SERVER_ROLE.SERVER_ID.eq(serverId))
                .orderBy(SERVER_ROLE.EVERYONE.desc(), SERVER_ROLE.ID)
                .fetch(r -> new RoleView(Long.toString(r.getId()), r.getName(),
                        r.getPermissions().isEmpty() ? List.of() : Arrays.asList(r.getPermissions().split(",")),
                        r.getEveryone()));
    }

    /** Bans in the order they were made, after the cursor's position. */
    public Page<BanView> bans(long serverId, Long afterPosition, int limit) {
        var condition = SERVER_BAN.SERVER_ID.eq(serverId);
        if (afterPosition != null) {
            condition = condition.and(SERVER_BAN.BAN_POSITION.gt(afterPosition));
        }
        var rows = db.selectFrom(SERVER_BAN).where(condition).orderBy(SERVER_BAN.BAN_POSITION).limit(limit + 1).fetch();
        var items = rows.stream().limit(limit)
                .map(r -> new BanView(r.getUserId(), r.getReason(), r.getBannedBy(), r.getBannedAt().toInstant()))
                .toList();
        var next = rows.size() > limit ? Paging.cursorAfter(rows.get(limit - 1).getBanPosition()) : null;
        return Page.of(items, next);
    }

    private Map<String, List<String>> rolesOf(long serverId, List<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return db.select(MEMBER_ROLE.USER_ID, MEMBER_ROLE.ROLE_ID).from(MEMBER_ROLE)
                .where(MEMBER_ROLE.SERVER_ID.eq(serverId).and(MEMBER_ROLE.USER_ID.in(userIds)))
                .orderBy(MEMBER_ROLE.ROLE_ID)
                .fetchGroups(MEMBER_ROLE.USER_ID, MEMBER_ROLE.ROLE_ID)
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().map(String::valueOf).toList()));
    }

    private static MemberView view(ServerMemberRecord row, List<String> roleIds) {
        return new MemberView(row.getUserId(), row.getNickname(), roleIds,
                row.getMutedUntil() == null ? null : row.getMutedUntil().toInstant(), row.getJoinedAt().toInstant());
    }
}

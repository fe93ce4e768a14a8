package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.CHANNEL_VIEW;
import static io.beep.projections.jooq.Tables.MEMBER_ROLE;
import static io.beep.projections.jooq.Tables.SERVER_BAN;
import static io.beep.projections.jooq.Tables.SERVER_ROLE;
import static io.beep.projections.jooq.Tables.SERVER_MEMBER;
import static io.beep.projections.jooq.Tables.SERVER_VIEW;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.common.Permission;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.MemberUnbannedEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleRemovedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.contracts.server.ServerUpdatedEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import io.beep.projections.platform.axon.EventPositions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code server_view}, {@code server_member}, {@code server_role}, {@code member_role},
 * {@code server_ban} and {@code channel_view}. Member counts are recounted from the member rows, once per
 * batch for every server whose members changed in it. Every write is an
 * upsert keyed by the entity's id that only applies an event newer than the row's
 * {@code last_position}, so a replayed or redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ServerViewProjection.PROCESSING_GROUP)
public class ServerViewProjection {

    public static final String PROCESSING_GROUP = "server-views";

    private final DSLContext db;
    /** This instance's set of servers to recount in the current unit of work (live and rebuild copies differ). */
    private final String recountKey = ServerViewProjection.class.getName() + ".recount@" + System.identityHashCode(this);

    public ServerViewProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ServerCreatedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        long serverId = Long.parseLong(event.serverId().value());
        var createdAt = utc(event.createdAt() != null ? event.createdAt() : storedAt);
        db.insertInto(SERVER_VIEW)
                .set(SERVER_VIEW.ID, serverId)
                .set(SERVER_VIEW.NAME, event.name())
                .set(SERVER_VIEW.DESCRIPTION, event.description())
                .set(SERVER_VIEW.VISIBILITY, event.visibility().name().toLowerCase(Locale.ROOT))
                .set(SERVER_VIEW.OWNER_ID, event.ownerId().value())
                .set(SERVER_VIEW.MEMBER_COUNT, 1)
                .set(SERVER_VIEW.CREATED_AT, createdAt)
                .set(SERVER_VIEW.LAST_POSITION, position)
                .onConflict(SERVER_VIEW.ID)
                .doUpdate()
                .set(SERVER_VIEW.NAME, excluded(SERVER_VIEW.NAME))
                .set(SERVER_VIEW.DESCRIPTION, excluded(SERVER_VIEW.DESCRIPTION))
                .set(SERVER_VIEW.VISIBILITY, excluded(SERVER_VIEW.VISIBILITY))
                .set(SERVER_VIEW.OWNER_ID, excluded(SERVER_VIEW.OWNER_ID))
                .set(SERVER_VIEW.CREATED_AT, excluded(SERVER_VIEW.CREATED_AT))
                .set(SERVER_VIEW.LAST_POSITION, excluded(SERVER_VIEW.LAST_POSITION))
                .where(SERVER_VIEW.LAST_POSITION.lt(position))
                .execute();
        db.insertInto(SERVER_MEMBER)
                .set(SERVER_MEMBER.SERVER_ID, serverId)
                .set(SERVER_MEMBER.USER_ID, event.ownerId().value())
                .set(SERVER_MEMBER.JOINED_AT, createdAt)
                .setNull(SERVER_MEMBER.NICKNAME)
                .set(SERVER_MEMBER.JOINED_POSITION, position)
                .onConflictDoNothing()
                .execute();
        upsertRole(serverId, Long.parseLong(event.everyoneRoleId().value()), "@everyone", event.everyonePermissions(),
                true, position);
    }

    @EventHandler
    void on(ServerUpdatedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.update(SERVER_VIEW)
                .set(SERVER_VIEW.NAME, event.name())
                .set(SERVER_VIEW.DESCRIPTION, event.description())
                .set(SERVER_VIEW.VISIBILITY, event.visibility().name().toLowerCase(Locale.ROOT))
                .set(SERVER_VIEW.LAST_POSITION, position)
                .where(SERVER_VIEW.ID.eq(id(event.serverId().value())).and(SERVER_VIEW.LAST_POSITION.lt(position)))
                .execute();
    }

    @EventHandler
    void on(ServerDeletedEvent event) {
        long serverId = id(event.serverId().value());
        db.deleteFrom(MEMBER_ROLE).where(MEMBER_ROLE.SERVER_ID.eq(serverId)).execute();
        db.deleteFrom(SERVER_MEMBER).where(SERVER_MEMBER.SERVER_ID.eq(serverId)).execute();
        db.deleteFrom(SERVER_ROLE).where(SERVER_ROLE.SERVER_ID.eq(serverId)).execute();
        db.deleteFrom(SERVER_BAN).where(SERVER_BAN.SERVER_ID.eq(serverId)).execute();
        db.deleteFrom(CHANNEL_VIEW).where(CHANNEL_VIEW.SERVER_ID.eq(serverId)).execute();
        db.deleteFrom(SERVER_VIEW).where(SERVER_VIEW.ID.eq(serverId)).execute();
    }

    @EventHandler
    void on(MemberJoinedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        long serverId = id(event.serverId().value());
        db.insertInto(SERVER_MEMBER)
                .set(SERVER_MEMBER.SERVER_ID, serverId)
                .set(SERVER_MEMBER.USER_ID, event.userId().value())
                .set(SERVER_MEMBER.JOINED_AT, utc(event.joinedAt() != null ? event.joinedAt() : storedAt))
                .setNull(SERVER_MEMBER.NICKNAME)
                .set(SERVER_MEMBER.JOINED_POSITION, position)
                .onConflictDoNothing()
                .execute();
        recount(serverId);
    }

    @EventHandler
    void on(MemberLeftEvent event) {
        removeMember(event.serverId().value(), event.userId().value());
    }

    @EventHandler
    void on(MemberKickedEvent event) {
        removeMember(event.serverId().value(), event.userId().value());
    }

    @EventHandler
    void on(MemberBannedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        removeMember(event.serverId().value(), event.userId().value());
        db.insertInto(SERVER_BAN)
                .set(SERVER_BAN.SERVER_ID, id(event.serverId().value()))
                .set(SERVER_BAN.USER_ID, event.userId().value())
                .set(SERVER_BAN.REASON, event.reason() == null ? "" : event.reason())
                .set(SERVER_BAN.BANNED_BY, event.bannedBy().value())
                .set(SERVER_BAN.BANNED_AT, utc(event.bannedAt() != null ? event.bannedAt() : storedAt))
                .set(SERVER_BAN.BAN_POSITION, position)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(MemberUnbannedEvent event) {
        db.deleteFrom(SERVER_BAN)
                .where(SERVER_BAN.SERVER_ID.eq(id(event.serverId().value()))
                        .and(SERVER_BAN.USER_ID.eq(event.userId().value())))
                .execute();
    }

    @EventHandler
    void on(RoleCreatedEvent event, TrackingToken token) {
        upsertRole(id(event.serverId().value()), id(event.roleId().value()), event.name(), event.permissions(), false,
                EventPositions.of(token));
    }

    @EventHandler
    void on(RoleUpdatedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.update(SERVER_ROLE)
                .set(SERVER_ROLE.NAME, event.name())
                .set(SERVER_ROLE.PERMISSIONS, names(event.permissions()))
                .set(SERVER_ROLE.LAST_POSITION, position)
                .where(SERVER_ROLE.ID.eq(id(event.roleId().value())).and(SERVER_ROLE.LAST_POSITION.lt(position)))
                .execute();
    }

    @EventHandler
    void on(RoleDeletedEvent event) {
        long roleId = id(event.roleId().value());
        db.deleteFrom(MEMBER_ROLE).where(MEMBER_ROLE.ROLE_ID.eq(roleId)).execute();
        db.deleteFrom(SERVER_ROLE).where(SERVER_ROLE.ID.eq(roleId)).execute();
    }

    @EventHandler
    void on(RoleAssignedEvent event) {
        db.insertInto(MEMBER_ROLE)
                .set(MEMBER_ROLE.SERVER_ID, id(event.serverId().value()))
                .set(MEMBER_ROLE.USER_ID, event.userId().value())
                .set(MEMBER_ROLE.ROLE_ID, id(event.roleId().value()))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(RoleRemovedEvent event) {
        db.deleteFrom(MEMBER_ROLE)
                .where(MEMBER_ROLE.SERVER_ID.eq(id(event.serverId().value()))
                        .and(MEMBER_ROLE.USER_ID.eq(event.userId().value()))
                        .and(MEMBER_ROLE.ROLE_ID.eq(id(event.roleId().value()))))
                .execute();
    }

    private void removeMember(String server, String user) {
        long serverId = id(server);
        db.deleteFrom(MEMBER_ROLE)
                .where(MEMBER_ROLE.SERVER_ID.eq(serverId).and(MEMBER_ROLE.USER_ID.eq(user)))
                .execute();
        db.deleteFrom(SERVER_MEMBER)
                .where(SERVER_MEMBER.SERVER_ID.eq(serverId).and(SERVER_MEMBER.USER_ID.eq(user)))
                .execute();
        recount(serverId);
    }

    /**
     * The member count recomputed from the member rows: the same answer however often it runs. Inside a
     * unit of work (a processor batch, a rebuild chunk) the servers are collected and recounted once, in
     * one statement, just before it commits; outside one, at once.
     */
    private void recount(long serverId) {
        if (!CurrentUnitOfWork.isStarted()) {
            recount(Set.of(serverId));
            return;
        }
        var unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.<Set<Long>>getOrComputeResource(recountKey, key -> {
            var servers = new HashSet<Long>();
            unitOfWork.onPrepareCommit(u -> recount(servers));
            return servers;
        }).add(serverId);
    }

    private void recount(Set<Long> serverIds) {
        if (serverIds.isEmpty()) {
            return;
        }
        db.update(SERVER_VIEW)
                .set(SERVER_VIEW.MEMBER_COUNT, field(selectCount().from(SERVER_MEMBER)
                        .where(SERVER_MEMBER.SERVER_ID.eq(SERVER_VIEW.ID))))
                .where(SERVER_VIEW.ID.in(serverIds))
                .execute();
    }

    private void upsertRole(long serverId, long roleId, String name, Set<Permission> permissions, boolean everyone,
                            long position) {
        db.insertInto(SERVER_ROLE)
                .set(SERVER_ROLE.ID, roleId)
                .set(SERVER_ROLE.SERVER_ID, serverId)
                .set(SERVER_ROLE.NAME, name)
                .set(SERVER_ROLE.PERMISSIONS, names(permissions))
                .set(SERVER_ROLE.EVERYONE, everyone)
                .set(SERVER_ROLE.LAST_POSITION, position)
                .onConflictDoNothing()
                .execute();
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::name).collect(Collectors.joining(","));
    }

    private static long id(String snowflake) {
        return Long.parseLong(snowflake);
    }

    @EventHandler
    void on(ChannelCreatedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        Long serverId = event.serverId() == null ? null : Long.parseLong(event.serverId().value());
        Long parentId = event.parentId() == null ? null : Long.parseLong(event.parentId().value());
        db.insertInto(CHANNEL_VIEW)
                .set(CHANNEL_VIEW.ID, Long.parseLong(event.channelId().value()))
                .set(CHANNEL_VIEW.SERVER_ID, serverId)
                .set(CHANNEL_VIEW.TYPE, event.type().name().toLowerCase(Locale.ROOT))
                .set(CHANNEL_VIEW.NAME, event.name())
                .set(CHANNEL_VIEW.PARENT_ID, parentId)
                .set(CHANNEL_VIEW.CREATED_AT, utc(event.createdAt() != null ? event.createdAt() : storedAt))
                .set(CHANNEL_VIEW.POSITION, nextPositionIn(serverId))
                .set(CHANNEL_VIEW.LAST_POSITION, position)
                .onConflict(CHANNEL_VIEW.ID)
                .doUpdate()
                .set(CHANNEL_VIEW.SERVER_ID, excluded(CHANNEL_VIEW.SERVER_ID))
                .set(CHANNEL_VIEW.TYPE, excluded(CHANNEL_VIEW.TYPE))
                .set(CHANNEL_VIEW.NAME, excluded(CHANNEL_VIEW.NAME))
                .set(CHANNEL_VIEW.PARENT_ID, excluded(CHANNEL_VIEW.PARENT_ID))
                .set(CHANNEL_VIEW.CREATED_AT, excluded(CHANNEL_VIEW.CREATED_AT))
                .set(CHANNEL_VIEW.LAST_POSITION, excluded(CHANNEL_VIEW.LAST_POSITION))
                .where(CHANNEL_VIEW.LAST_POSITION.lt(position))
                .execute();
    }

    /** A new channel goes last in its server's list; channels outside servers are all at 0. */
    private Field<Integer> nextPositionIn(Long serverId) {
        if (serverId == null) {
            return inline(0);
        }
        return field(select(coalesce(max(CHANNEL_VIEW.POSITION).plus(1), 0))
                .from(CHANNEL_VIEW)
                .where(CHANNEL_VIEW.SERVER_ID.eq(serverId)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

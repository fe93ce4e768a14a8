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
import io.beep.projections.jooq.tables.records.ServerMemberRecord;
import io.beep.projections.jooq.tables.records.ServerRoleRecord;
import io.beep.projections.jooq.tables.records.ServerViewRecord;
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
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code server_view}, {@code server_member}, {@code server_role}, {@code member_role},
 * {@code server_ban} and {@code channel_view}. Member counts are recounted from the member rows, once per
 * batch for every server whose members changed in it. Every write is an
 * upsert keyed by the entity's id that only applies an event newer than the row's
 * {@code last_position}, so a replayed or redelivered event changes nothing. New servers, members and
 * roles are collected per batch and inserted with one statement per table ({@link ServerViewBatch});
 * every other write first sends what is collected, so the statements keep the order of the events.
 */
@Component
@ProcessingGroup(ServerViewProjection.PROCESSING_GROUP)
public class ServerViewProjection {

    public static final String PROCESSING_GROUP = "server-views";

    private final DSLContext db;
    private final ServerViewBatch batch;

    public ServerViewProjection(DSLContext db) {
        this.db = db;
        this.batch = new ServerViewBatch(db);
    }

    @EventHandler
    void on(ServerCreatedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        long serverId = Long.parseLong(event.serverId().value());
        var createdAt = utc(event.createdAt() != null ? event.createdAt() : storedAt);
        var server = new ServerViewRecord();
        server.setId(serverId);
        server.setName(event.name());
        server.setDescription(event.description());
        server.setVisibility(event.visibility().name().toLowerCase(Locale.ROOT));
        server.setOwnerId(event.ownerId().value());
        server.setMemberCount(1);
        server.setCreatedAt(createdAt);
        server.setLastPosition(position);
        batch.server(server);
        batch.member(member(serverId, event.ownerId().value(), createdAt, position));
        upsertRole(serverId, Long.parseLong(event.everyoneRoleId().value()), "@everyone", event.everyonePermissions(),
                true, position);
    }

    @EventHandler
    void on(ServerUpdatedEvent event, TrackingToken token) {
        batch.flush();
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
        batch.flush();
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
        long serverId = id(event.serverId().value());
        batch.member(member(serverId, event.userId().value(),
                utc(event.joinedAt() != null ? event.joinedAt() : storedAt), EventPositions.of(token)));
        batch.recount(serverId);
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
        batch.flush();
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
        batch.flush();
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
        batch.flush();
        long roleId = id(event.roleId().value());
        db.deleteFrom(MEMBER_ROLE).where(MEMBER_ROLE.ROLE_ID.eq(roleId)).execute();
        db.deleteFrom(SERVER_ROLE).where(SERVER_ROLE.ID.eq(roleId)).execute();
    }

    @EventHandler
    void on(RoleAssignedEvent event) {
        batch.flush();
        db.insertInto(MEMBER_ROLE)
                .set(MEMBER_ROLE.SERVER_ID, id(event.serverId().value()))
                .set(MEMBER_ROLE.USER_ID, event.userId().value())
                .set(MEMBER_ROLE.ROLE_ID, id(event.roleId().value()))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(RoleRemovedEvent event) {
        batch.flush();
        db.deleteFrom(MEMBER_ROLE)
                .where(MEMBER_ROLE.SERVER_ID.eq(id(event.serverId().value()))
                        .and(MEMBER_ROLE.USER_ID.eq(event.userId().value()))
                        .and(MEMBER_ROLE.ROLE_ID.eq(id(event.roleId().value()))))
                .execute();
    }

    private void removeMember(String server, String user) {
        batch.flush();
        long serverId = id(server);
        db.deleteFrom(MEMBER_ROLE)
                .where(MEMBER_ROLE.SERVER_ID.eq(serverId).and(MEMBER_ROLE.USER_ID.eq(user)))
                .execute();
        db.deleteFrom(SERVER_MEMBER)
                .where(SERVER_MEMBER.SERVER_ID.eq(serverId).and(SERVER_MEMBER.USER_ID.eq(user)))
                .execute();
        batch.recount(serverId);
    }

    private void upsertRole(long serverId, long roleId, String name, Set<Permission> permissions, boolean everyone,
                            long position) {
        var role = new ServerRoleRecord();
        role.setId(roleId);
        role.setServerId(serverId);
        role.setName(name);
        role.setPermissions(names(permissions));
        role.setEveryone(everyone);
        role.setLastPosition(position);
        batch.role(role);
    }

    private static ServerMemberRecord member(long serverId, String userId, OffsetDateTime joinedAt, long position) {
        var member = new ServerMemberRecord();
        member.setServerId(serverId);
        member.setUserId(userId);
        member.setJoinedAt(joinedAt);
        member.setJoinedPosition(position);
        return member;
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::name).collect(Collectors.joining(","));
    }

    private static long id(String snowflake) {
        return Long.parseLong(snowflake);
    }

    @EventHandler
    void on(ChannelCreatedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        batch.flush();
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

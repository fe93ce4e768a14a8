package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.CHANNEL_VIEW;
import static io.beep.projections.jooq.Tables.SERVER_MEMBER;
import static io.beep.projections.jooq.Tables.SERVER_VIEW;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;

import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
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
 * Keeps {@code server_view}, {@code server_member} and {@code channel_view}. Every write is an
 * upsert keyed by the entity's id that only applies an event newer than the row's
 * {@code last_position}, so a replayed or redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ServerViewProjection.PROCESSING_GROUP)
public class ServerViewProjection {

    public static final String PROCESSING_GROUP = "server-views";

    private final DSLContext db;

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
                .onConflictDoNothing()
                .execute();
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

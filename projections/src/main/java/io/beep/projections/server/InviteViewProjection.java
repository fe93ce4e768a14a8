package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.INVITE_VIEW;

import io.beep.contracts.server.InviteCreatedEvent;
import io.beep.contracts.server.InviteDeclinedEvent;
import io.beep.contracts.server.InviteRevokedEvent;
import io.beep.contracts.server.InviteUsedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code invite_view}: one row per live invitation. Rows are keyed by code and only take an
 * event newer than their {@code last_position}, so a replay changes nothing.
 */
@Component
@ProcessingGroup(ServerViewProjection.PROCESSING_GROUP)
public class InviteViewProjection {

    private final DSLContext db;

    public InviteViewProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(InviteCreatedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.insertInto(INVITE_VIEW)
                .set(INVITE_VIEW.CODE, event.code())
                .set(INVITE_VIEW.SERVER_ID, Long.parseLong(event.serverId().value()))
                .set(INVITE_VIEW.CREATED_BY, event.createdBy().value())
                .set(INVITE_VIEW.CREATED_AT, event.createdAt().atOffset(ZoneOffset.UTC))
                .set(INVITE_VIEW.EXPIRES_AT, event.expiresAt() == null ? null : event.expiresAt().atOffset(ZoneOffset.UTC))
                .set(INVITE_VIEW.MAX_USES, event.maxUses())
                .set(INVITE_VIEW.USES, 0)
                .set(INVITE_VIEW.TARGET_USER_ID, event.targetUserId() == null ? null : event.targetUserId().value())
                .set(INVITE_VIEW.CREATED_POSITION, position)
                .set(INVITE_VIEW.LAST_POSITION, position)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(InviteUsedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.update(INVITE_VIEW)
                .set(INVITE_VIEW.USES, event.uses())
                .set(INVITE_VIEW.LAST_POSITION, position)
                .where(INVITE_VIEW.CODE.eq(event.code()).and(INVITE_VIEW.LAST_POSITION.lt(position)))
                .execute();
    }

    @EventHandler
    void on(InviteDeclinedEvent event) {
        db.deleteFrom(INVITE_VIEW).where(INVITE_VIEW.CODE.eq(event.code())).execute();
    }

    @EventHandler
    void on(InviteRevokedEvent event) {
        db.deleteFrom(INVITE_VIEW).where(INVITE_VIEW.CODE.eq(event.code())).execute();
    }

    @EventHandler
    void on(ServerDeletedEvent event) {
        db.deleteFrom(INVITE_VIEW).where(INVITE_VIEW.SERVER_ID.eq(Long.parseLong(event.serverId().value()))).execute();
    }
}

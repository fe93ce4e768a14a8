package io.beep.projections.server;

import static io.beep.projections.jooq.Tables.CHANNEL_VIEW;
import static io.beep.projections.jooq.Tables.SERVER_MEMBER;

import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPositionChangedEvent;
import io.beep.contracts.channel.ChannelUpdatedEvent;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberNicknameChangedEvent;
import io.beep.contracts.server.MemberUnmutedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps nicknames and mutes in {@code server_member}, and renamed, moved, reordered and deleted channels in
 * {@code channel_view}. Member rows hold no position, but each change sets the value its event states,
 * so a replay in order ends where the log ends.
 */
@Component
@ProcessingGroup(ServerViewProjection.PROCESSING_GROUP)
public class MemberAndChannelChangesProjection {

    private final DSLContext db;
    /** The members {@link ServerViewProjection} collected in this batch go in before any change to them. */
    private final ServerViewBatch batch;

    public MemberAndChannelChangesProjection(DSLContext db) {
        this.db = db;
        this.batch = new ServerViewBatch(db);
    }

    @EventHandler
    void on(MemberNicknameChangedEvent event) {
        batch.flush();
        db.update(SERVER_MEMBER)
                .set(SERVER_MEMBER.NICKNAME, event.nickname())
                .where(SERVER_MEMBER.SERVER_ID.eq(Long.parseLong(event.serverId().value()))
                        .and(SERVER_MEMBER.USER_ID.eq(event.userId().value())))
                .execute();
    }

    @EventHandler
    void on(MemberMutedEvent event) {
        batch.flush();
        db.update(SERVER_MEMBER)
                .set(SERVER_MEMBER.MUTED_UNTIL, event.mutedUntil().atOffset(ZoneOffset.UTC))
                .where(SERVER_MEMBER.SERVER_ID.eq(Long.parseLong(event.serverId().value()))
                        .and(SERVER_MEMBER.USER_ID.eq(event.userId().value())))
                .execute();
    }

    @EventHandler
    void on(MemberUnmutedEvent event) {
        batch.flush();
        db.update(SERVER_MEMBER)
                .setNull(SERVER_MEMBER.MUTED_UNTIL)
                .where(SERVER_MEMBER.SERVER_ID.eq(Long.parseLong(event.serverId().value()))
                        .and(SERVER_MEMBER.USER_ID.eq(event.userId().value())))
                .execute();
    }

    @EventHandler
    void on(ChannelUpdatedEvent event, TrackingToken token) {
        batch.flush();
        long position = EventPositions.of(token);
        db.update(CHANNEL_VIEW)
                .set(CHANNEL_VIEW.NAME, event.name())
                .set(CHANNEL_VIEW.PARENT_ID, event.parentId() == null ? null : Long.parseLong(event.parentId().value()))
                .set(CHANNEL_VIEW.LAST_POSITION, position)
                .where(CHANNEL_VIEW.ID.eq(Long.parseLong(event.channelId().value()))
                        .and(CHANNEL_VIEW.LAST_POSITION.lt(position)))
                .execute();
    }

    /** The channel's place in its server's list. */
    @EventHandler
    void on(ChannelPositionChangedEvent event, TrackingToken token) {
        batch.flush();
        long position = EventPositions.of(token);
        db.update(CHANNEL_VIEW)
                .set(CHANNEL_VIEW.POSITION, event.position())
                .set(CHANNEL_VIEW.LAST_POSITION, position)
                .where(CHANNEL_VIEW.ID.eq(Long.parseLong(event.channelId().value()))
                        .and(CHANNEL_VIEW.LAST_POSITION.lt(position)))
                .execute();
    }

    /** The channel and its threads go; channels of a deleted category stay outside any category. */
    @EventHandler
    void on(ChannelDeletedEvent event) {
        batch.flush();
        long channelId = Long.parseLong(event.channelId().value());
        db.deleteFrom(CHANNEL_VIEW)
                .where(CHANNEL_VIEW.ID.eq(channelId)
                        .or(CHANNEL_VIEW.PARENT_ID.eq(channelId).and(CHANNEL_VIEW.TYPE.eq("thread"))))
                .execute();
        db.update(CHANNEL_VIEW).setNull(CHANNEL_VIEW.PARENT_ID).where(CHANNEL_VIEW.PARENT_ID.eq(channelId)).execute();
    }
}

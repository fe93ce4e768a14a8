package io.beep.projections.friendship;

import static io.beep.projections.jooq.Tables.FRIEND_REQUEST_VIEW;
import static io.beep.projections.jooq.Tables.FRIEND_VIEW;
import static io.beep.projections.jooq.Tables.PRIVATE_CHANNEL_RECIPIENT;
import static io.beep.projections.jooq.Tables.PRIVATE_CHANNEL_VIEW;
import static org.jooq.impl.DSL.excluded;

import io.beep.contracts.common.UserId;
import io.beep.contracts.friendship.FriendRemovedEvent;
import io.beep.contracts.friendship.FriendRequestAcceptedEvent;
import io.beep.contracts.friendship.FriendRequestCancelledEvent;
import io.beep.contracts.friendship.FriendRequestDeclinedEvent;
import io.beep.contracts.friendship.FriendRequestId;
import io.beep.contracts.friendship.FriendRequestSentEvent;
import io.beep.contracts.privatechannel.DmChannelCreatedEvent;
import io.beep.contracts.privatechannel.GroupChannelCreatedEvent;
import io.beep.contracts.privatechannel.RecipientAddedEvent;
import io.beep.contracts.privatechannel.RecipientRemovedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code friend_request_view}, {@code friend_view}, {@code private_channel_view} and
 * {@code private_channel_recipient}. Every write applies only an event newer than the row's
 * {@code last_position}, so replays and redeliveries change nothing.
 */
@Component
@ProcessingGroup(FriendshipProjection.PROCESSING_GROUP)
public class FriendshipProjection {

    public static final String PROCESSING_GROUP = "friendships";

    private final DSLContext db;

    public FriendshipProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(FriendRequestSentEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.insertInto(FRIEND_REQUEST_VIEW)
                .set(FRIEND_REQUEST_VIEW.ID, id(event.requestId()))
                .set(FRIEND_REQUEST_VIEW.FRIENDSHIP_ID, event.friendshipId().value())
                .set(FRIEND_REQUEST_VIEW.FROM_USER_ID, event.fromUserId().value())
                .set(FRIEND_REQUEST_VIEW.TO_USER_ID, event.toUserId().value())
                .set(FRIEND_REQUEST_VIEW.STATUS, "pending")
                .set(FRIEND_REQUEST_VIEW.CREATED_AT, utc(event.sentAt()))
                .set(FRIEND_REQUEST_VIEW.LAST_POSITION, position)
                .onConflict(FRIEND_REQUEST_VIEW.ID)
                .doNothing()
                .execute();
    }

    @EventHandler
    void on(FriendRequestAcceptedEvent event, TrackingToken token, @Timestamp Instant storedAt) {
        long position = EventPositions.of(token);
        long dm = Long.parseLong(event.dmChannelId().value());
        status(event.requestId(), "accepted", dm, position);
        var since = utc(event.acceptedAt() != null ? event.acceptedAt() : storedAt);
        friend(event.fromUserId(), event.toUserId(), since, dm, position);
        friend(event.toUserId(), event.fromUserId(), since, dm, position);
    }

    @EventHandler
    void on(FriendRequestDeclinedEvent event, TrackingToken token) {
        status(event.requestId(), "declined", null, EventPositions.of(token));
    }

    @EventHandler
    void on(FriendRequestCancelledEvent event, TrackingToken token) {
        status(event.requestId(), "cancelled", null, EventPositions.of(token));
    }

    @EventHandler
    void on(FriendRemovedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        var a = event.removedBy().value();
        var b = event.otherUserId().value();
        db.deleteFrom(FRIEND_VIEW)
                .where(FRIEND_VIEW.USER_ID.eq(a).and(FRIEND_VIEW.FRIEND_ID.eq(b))
                        .or(FRIEND_VIEW.USER_ID.eq(b).and(FRIEND_VIEW.FRIEND_ID.eq(a))))
                .and(FRIEND_VIEW.LAST_POSITION.lt(position))
                .execute();
    }

    @EventHandler
    void on(DmChannelCreatedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        long channel = Long.parseLong(event.channelId().value());
        channel(channel, "dm", null, null, event.createdAt(), position);
        recipient(channel, event.userA(), position);
        recipient(channel, event.userB(), position);
    }

    @EventHandler
    void on(GroupChannelCreatedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        long channel = Long.parseLong(event.channelId().value());
        channel(channel, "group", event.name(), event.ownerId().value(), event.createdAt(), position);
        var members = new ArrayList<UserId>();
        members.add(event.ownerId());
        members.addAll(event.recipientIds());
        members.forEach(u -> recipient(channel, u, position));
    }

    @EventHandler
    void on(RecipientAddedEvent event, TrackingToken token) {
        recipient(Long.parseLong(event.channelId().value()), event.userId(), EventPositions.of(token));
    }

    @EventHandler
    void on(RecipientRemovedEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        long channel = Long.parseLong(event.channelId().value());
        db.deleteFrom(PRIVATE_CHANNEL_RECIPIENT)
                .where(PRIVATE_CHANNEL_RECIPIENT.CHANNEL_ID.eq(channel))
                .and(PRIVATE_CHANNEL_RECIPIENT.USER_ID.eq(event.userId().value()))
                .and(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION.lt(position))
                .execute();
        if (event.newOwnerId() != null) {
            db.update(PRIVATE_CHANNEL_VIEW)
                    .set(PRIVATE_CHANNEL_VIEW.OWNER_ID, event.newOwnerId().value())
                    .set(PRIVATE_CHANNEL_VIEW.LAST_POSITION, position)
                    .where(PRIVATE_CHANNEL_VIEW.ID.eq(channel))
                    .and(PRIVATE_CHANNEL_VIEW.LAST_POSITION.lt(position))
                    .execute();
        }
    }

    private void status(FriendRequestId request, String status, Long dm, long position) {
        db.update(FRIEND_REQUEST_VIEW)
                .set(FRIEND_REQUEST_VIEW.STATUS, status)
                .set(FRIEND_REQUEST_VIEW.DM_CHANNEL_ID, dm)
                .set(FRIEND_REQUEST_VIEW.LAST_POSITION, position)
                .where(FRIEND_REQUEST_VIEW.ID.eq(id(request)))
                .and(FRIEND_REQUEST_VIEW.LAST_POSITION.lt(position))
                .execute();
    }

    private void friend(UserId user, UserId friend, OffsetDateTime since, long dm, long position) {
        db.insertInto(FRIEND_VIEW)
                .set(FRIEND_VIEW.USER_ID, user.value())
                .set(FRIEND_VIEW.FRIEND_ID, friend.value())
                .set(FRIEND_VIEW.SINCE, since)
                .set(FRIEND_VIEW.DM_CHANNEL_ID, dm)
                .set(FRIEND_VIEW.LAST_POSITION, position)
                .onConflict(FRIEND_VIEW.USER_ID, FRIEND_VIEW.FRIEND_ID)
                .doUpdate()
                .set(FRIEND_VIEW.SINCE, excluded(FRIEND_VIEW.SINCE))
                .set(FRIEND_VIEW.DM_CHANNEL_ID, excluded(FRIEND_VIEW.DM_CHANNEL_ID))
                .set(FRIEND_VIEW.LAST_POSITION, excluded(FRIEND_VIEW.LAST_POSITION))
                .where(FRIEND_VIEW.LAST_POSITION.lt(position))
                .execute();
    }

    private void channel(long id, String type, String name, String owner, Instant createdAt, long position) {
        db.insertInto(PRIVATE_CHANNEL_VIEW)
                .set(PRIVATE_CHANNEL_VIEW.ID, id)
                .set(PRIVATE_CHANNEL_VIEW.TYPE, type)
                .set(PRIVATE_CHANNEL_VIEW.NAME, name)
                .set(PRIVATE_CHANNEL_VIEW.OWNER_ID, owner)
                .set(PRIVATE_CHANNEL_VIEW.CREATED_AT, utc(createdAt))
                .set(PRIVATE_CHANNEL_VIEW.LAST_POSITION, position)
                .onConflict(PRIVATE_CHANNEL_VIEW.ID)
                .doNothing()
                .execute();
    }

    private void recipient(long channel, UserId user, long position) {
        db.insertInto(PRIVATE_CHANNEL_RECIPIENT)
                .set(PRIVATE_CHANNEL_RECIPIENT.CHANNEL_ID, channel)
                .set(PRIVATE_CHANNEL_RECIPIENT.USER_ID, user.value())
                .set(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION, position)
                .onConflict(PRIVATE_CHANNEL_RECIPIENT.CHANNEL_ID, PRIVATE_CHANNEL_RECIPIENT.USER_ID)
                .doUpdate()
                .set(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION, excluded(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION))
                .where(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION.lt(position))
                .execute();
    }

    private static long id(FriendRequestId id) {
        return Long.parseLong(id.value());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

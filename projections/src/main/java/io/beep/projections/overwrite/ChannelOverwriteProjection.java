package io.beep.projections.overwrite;

import static io.beep.projections.jooq.Tables.CHANNEL_OVERWRITE;

import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteRemovedEvent;
import io.beep.contracts.channel.ChannelPermissionOverwriteSetEvent;
import io.beep.contracts.common.Permission;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.projections.platform.axon.EventPositions;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code channel_overwrite}: one row per channel and overwrite target. A set is an upsert that only
 * applies when newer than the row; a removal, or the deletion of the channel or of the role named, deletes it.
 */
@Component
@ProcessingGroup(ChannelOverwriteProjection.PROCESSING_GROUP)
public class ChannelOverwriteProjection {

    public static final String PROCESSING_GROUP = "channel-overwrites";

    private final DSLContext db;

    public ChannelOverwriteProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ChannelPermissionOverwriteSetEvent event, TrackingToken token) {
        long position = EventPositions.of(token);
        db.insertInto(CHANNEL_OVERWRITE)
                .set(CHANNEL_OVERWRITE.CHANNEL_ID, Long.parseLong(event.channelId().value()))
                .set(CHANNEL_OVERWRITE.TARGET_ID, event.targetId())
                .set(CHANNEL_OVERWRITE.TARGET_TYPE, event.targetType().name().toLowerCase(Locale.ROOT))
                .set(CHANNEL_OVERWRITE.ALLOW, names(event.allow()))
                .set(CHANNEL_OVERWRITE.DENY, names(event.deny()))
                .set(CHANNEL_OVERWRITE.LAST_POSITION, position)
                .onConflict(CHANNEL_OVERWRITE.CHANNEL_ID, CHANNEL_OVERWRITE.TARGET_ID)
                .doUpdate()
                .set(CHANNEL_OVERWRITE.TARGET_TYPE, event.targetType().name().toLowerCase(Locale.ROOT))
                .set(CHANNEL_OVERWRITE.ALLOW, names(event.allow()))
                .set(CHANNEL_OVERWRITE.DENY, names(event.deny()))
                .set(CHANNEL_OVERWRITE.LAST_POSITION, position)
                .where(CHANNEL_OVERWRITE.LAST_POSITION.lt(position))
                .execute();
    }

    @EventHandler
    void on(ChannelPermissionOverwriteRemovedEvent event) {
        db.deleteFrom(CHANNEL_OVERWRITE)
                .where(CHANNEL_OVERWRITE.CHANNEL_ID.eq(Long.parseLong(event.channelId().value())))
                .and(CHANNEL_OVERWRITE.TARGET_ID.eq(event.targetId()))
                .execute();
    }

    @EventHandler
    void on(ChannelDeletedEvent event) {
        db.deleteFrom(CHANNEL_OVERWRITE)
                .where(CHANNEL_OVERWRITE.CHANNEL_ID.eq(Long.parseLong(event.channelId().value())))
                .execute();
    }

    @EventHandler
    void on(RoleDeletedEvent event) {
        db.deleteFrom(CHANNEL_OVERWRITE)
                .where(CHANNEL_OVERWRITE.TARGET_TYPE.eq("role"))
                .and(CHANNEL_OVERWRITE.TARGET_ID.eq(event.roleId().value()))
                .execute();
    }

    private static String names(Set<Permission> permissions) {
        return permissions == null ? "" : permissions.stream().map(Enum::name).sorted()
                .collect(Collectors.joining(","));
    }
}

package io.beep.queryside.channel;

import static io.beep.queryside.jooq.Tables.CHANNEL_OVERWRITE;

import io.beep.contracts.channel.PermissionOverwriteView;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads {@code channel_overwrite}: a channel's permission overwrites, roles first, then members. */
@Component
class ChannelOverwriteReader {

    static final String PROCESSOR = "channel-overwrites";
    private final DSLContext db;

    ChannelOverwriteReader(DSLContext db) {
        this.db = db;
    }

    List<PermissionOverwriteView> of(long channelId) {
        return db.selectFrom(CHANNEL_OVERWRITE)
                .where(CHANNEL_OVERWRITE.CHANNEL_ID.eq(channelId))
                .orderBy(CHANNEL_OVERWRITE.TARGET_TYPE.desc(), CHANNEL_OVERWRITE.TARGET_ID)
                .fetch(row -> new PermissionOverwriteView(row.getTargetId(), row.getTargetType(),
                        names(row.getAllow()), names(row.getDeny())));
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}

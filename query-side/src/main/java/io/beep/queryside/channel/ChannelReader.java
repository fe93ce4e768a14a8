package io.beep.queryside.channel;

import static io.beep.queryside.jooq.Tables.CHANNEL_VIEW;

import io.beep.contracts.channel.ChannelView;
import io.beep.queryside.jooq.tables.records.ChannelViewRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads {@code channel_view}. */
@Component
public class ChannelReader {

    private final DSLContext db;

    public ChannelReader(DSLContext db) {
        this.db = db;
    }

    public Optional<ChannelView> find(long channelId) {
        return db.selectFrom(CHANNEL_VIEW).where(CHANNEL_VIEW.ID.eq(channelId)).fetchOptional()
                .map(ChannelReader::view);
    }

    /** Every channel of a server, in list order. */
    public List<ChannelView> ofServer(long serverId) {
        return db.selectFrom(CHANNEL_VIEW)
                .where(CHANNEL_VIEW.SERVER_ID.eq(serverId))
                .orderBy(CHANNEL_VIEW.POSITION, CHANNEL_VIEW.ID)
                .fetch(ChannelReader::view);
    }

    private static ChannelView view(ChannelViewRecord row) {
        return new ChannelView(Long.toString(row.getId()), idString(row.getServerId()), row.getType(), row.getName(),
                idString(row.getParentId()), null, row.getCreatedAt().toInstant(), row.getPosition());
    }

    private static String idString(Long id) {
        return id == null ? null : id.toString();
    }
}

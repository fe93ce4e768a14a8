package io.beep.queryside.privatechannel;

import static io.beep.queryside.jooq.Tables.PRIVATE_CHANNEL_RECIPIENT;
import static io.beep.queryside.jooq.Tables.PRIVATE_CHANNEL_VIEW;

import io.beep.contracts.channel.ChannelView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.jooq.DSLContext;
import org.jooq.Result;
import io.beep.queryside.jooq.tables.records.PrivateChannelViewRecord;

/** Reads {@code private_channel_view} with {@code private_channel_recipient}. */
@Component
public class PrivateChannelReader {

    private final DSLContext db;

    public PrivateChannelReader(DSLContext db) {
        this.db = db;
    }

    /** The DM and group channels {@code userId} is a recipient of, newest first, with every recipient. */
    List<ChannelView> of(String userId) {
        var mine = db.select(PRIVATE_CHANNEL_RECIPIENT.CHANNEL_ID).from(PRIVATE_CHANNEL_RECIPIENT)
                .where(PRIVATE_CHANNEL_RECIPIENT.USER_ID.eq(userId));
        var channels = db.selectFrom(PRIVATE_CHANNEL_VIEW).where(PRIVATE_CHANNEL_VIEW.ID.in(mine))
                .orderBy(PRIVATE_CHANNEL_VIEW.ID.desc())
                .fetch();
        return withRecipients(channels);
    }

    /** The DM or group channel {@code id} with every recipient, if it exists. */
    public Optional<ChannelView> find(long id) {
        var channels = db.selectFrom(PRIVATE_CHANNEL_VIEW).where(PRIVATE_CHANNEL_VIEW.ID.eq(id)).fetch();
        return withRecipients(channels).stream().findFirst();
    }

    private List<ChannelView> withRecipients(Result<PrivateChannelViewRecord> channels) {
        var recipients = new LinkedHashMap<Long, List<String>>();
        channels.forEach(c -> recipients.put(c.getId(), new ArrayList<>()));
        db.selectFrom(PRIVATE_CHANNEL_RECIPIENT).where(PRIVATE_CHANNEL_RECIPIENT.CHANNEL_ID.in(recipients.keySet()))
                .orderBy(PRIVATE_CHANNEL_RECIPIENT.LAST_POSITION, PRIVATE_CHANNEL_RECIPIENT.USER_ID)
                .forEach(r -> recipients.get(r.getChannelId()).add(r.getUserId()));
        return channels.map(c -> new ChannelView(c.getId().toString(), null, c.getType(), c.getName(), null,
                List.copyOf(recipients.get(c.getId())), c.getCreatedAt().toInstant()));
    }
}

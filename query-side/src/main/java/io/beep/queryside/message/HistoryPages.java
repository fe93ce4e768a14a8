package io.beep.queryside.message;

import io.beep.contracts.message.MessageView;
import io.beep.contracts.message.MessageViewKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * History pages kept in memory by this query-side instance, checked against the channel counter
 * the request read first (see {@link MessageViewKeys}). The projections follow every write to a
 * channel's messages with a counter update ({@code committed} after inserts, {@code changes} after
 * any change to an existing message), so a page read after counter state C is current for any
 * later counter C' with the same epoch and changes, and either the same committed count or a page
 * that was complete (entirely below committed) under C: new messages only ever go above committed.
 * A page loaded while a write was under way carries the counter read before it, which that write
 * then moves past, so it is never served as current afterwards. No messages between instances are
 * needed: each instance validates against the store's counter on every request (a request without
 * a consistency token may use a counter read less than {@code counterReuseMs} before, see
 * {@link #counter}), and a request with a consistency token reads that counter after the wait, so it
 * always sees its own write.
 *
 * <p>Also keeps where messages are (id to number within the channel): a message's number never
 * changes within one epoch (a deleted message's tombstone keeps it), so those entries need no check.
 * Both maps are bounded LRUs ({@link HistoryCacheProperties}).
 */
@Component
class HistoryPages {

    /** One message of a page: its id (to order and filter) and its answer. */
    record Row(long id, long seq, MessageView view) {
    }

    private record Entry(long epoch, long changes, long committed, boolean complete, List<Row> rows) {

        boolean currentFor(ChannelCounter counter) {
            return epoch == counter.epoch() && changes == counter.changes()
                    && (complete || committed == counter.committed());
        }
    }

    private record Place(long epoch, long channelId, long messageId) {
    }

    private record RecentCounter(ChannelCounter counter, long readAt) {
    }

    /** Recently read counters are kept for this many channels at most. */
    static final int MAX_RECENT_COUNTERS = 10_000;
    private final Map<String, Entry> pages;
    private final Map<Place, Long> places;
    private final Map<Long, RecentCounter> recentCounters = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long counterReuseNanos;

    HistoryPages(HistoryCacheProperties properties) {
        this.enabled = properties.pages() > 0;
        this.pages = lru(properties.pages());
        this.places = lru(properties.places());
        this.counterReuseNanos = properties.counterReuseMs() * 1_000_000L;
    }

    /**
     * The channel's counter: read from the store, or, when {@code mayReuse} (a request without a
     * consistency token), one read less than {@code counterReuseMs} ago — so a hot channel costs one
     * counter read per window however many read it, and a tokenless reader sees changes at most that
     * much later than the projection made them. A request with a token always reads the store.
     */
    ChannelCounter counter(long channelId, boolean mayReuse, Supplier<ChannelCounter> read) {
        if (!enabled || counterReuseNanos <= 0) {
            return read.get();
        }
        long now = System.nanoTime();
        if (mayReuse) {
            var recent = recentCounters.get(channelId);
            if (recent != null && now - recent.readAt() < counterReuseNanos) {
                return recent.counter();
            }
        }
        var counter = read.get();
        if (recentCounters.size() >= MAX_RECENT_COUNTERS) {
            recentCounters.clear();
        }
        recentCounters.merge(channelId, new RecentCounter(counter, now),
                (old, fresh) -> fresh.readAt() - old.readAt() >= 0 ? fresh : old);
        return counter;
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Page {@code page} of the channel: from memory if still current for {@code counter}, else loaded and kept. */
    List<Row> page(long channelId, long page, ChannelCounter counter, Supplier<List<Row>> load) {
        if (!enabled || !counter.cacheable()) {
            return load.get();
        }
        var key = MessageViewKeys.pageKey(Long.toString(channelId), page);
        synchronized (pages) {
            var entry = pages.get(key);
            if (entry != null && entry.currentFor(counter)) {
                return entry.rows();
            }
        }
        var rows = List.copyOf(load.get());
        boolean complete = (page + 1) * MessageViewKeys.PAGE_SIZE <= counter.committed();
        synchronized (pages) {
            pages.put(key, new Entry(counter.epoch(), counter.changes(), counter.committed(), complete, rows));
        }
        synchronized (places) {
            for (var row : rows) {
                if (row.seq() >= 0) {
                    places.put(new Place(counter.epoch(), channelId, row.id()), row.seq());
                }
            }
        }
        return rows;
    }

    /** The number of a message of the channel, if known from a page read in this epoch. */
    OptionalLong seqOf(long channelId, long messageId, ChannelCounter counter) {
        if (!enabled || !counter.cacheable()) {
            return OptionalLong.empty();
        }
        synchronized (places) {
            var seq = places.get(new Place(counter.epoch(), channelId, messageId));
            return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
        }
    }
}

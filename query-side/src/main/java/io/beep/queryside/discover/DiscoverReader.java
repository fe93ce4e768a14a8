package io.beep.queryside.discover;

import io.beep.contracts.server.ServerView;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * Full-text search over the public servers of {@code server_view}: every word of the query must
 * match a word of the name or description by prefix (accents folded), ranked by {@code ts_rank}
 * with names weighing more than descriptions, then by member count.
 */
@Component
public class DiscoverReader {

    private static final String COLUMNS = "id, name, description, visibility, owner_id, member_count, created_at";
    private final DSLContext db;

    public DiscoverReader(DSLContext db) {
        this.db = db;
    }

    /** {@code limit + 1} servers from {@code offset} (the extra one tells whether a next page exists). */
    public List<ServerView> search(List<String> words, long offset, int limit) {
        if (words.isEmpty()) {
            return db.resultQuery("SELECT " + COLUMNS + " FROM server_view WHERE visibility = 'public' "
                    + "ORDER BY member_count DESC, id OFFSET ? LIMIT ?", offset, limit + 1)
                    .fetch(DiscoverReader::view);
        }
        var query = String.join(" & ", words.stream().map(w -> w + ":*").toList());
        return db.resultQuery("SELECT " + COLUMNS + " FROM server_view, "
                        + "to_tsquery('simple', beep_unaccent(?)) AS q "
                        + "WHERE visibility = 'public' AND search_doc @@ q "
                        + "ORDER BY ts_rank(search_doc, q) DESC, member_count DESC, id OFFSET ? LIMIT ?",
                        query, offset, limit + 1)
                .fetch(DiscoverReader::view);
    }

    /** The words of a query: runs of letters and digits, lower-cased, at most {@code max} of them. */
    public static List<String> words(String q, int max) {
        var words = new ArrayList<String>();
        if (q == null) {
            return words;
        }
        var current = new StringBuilder();
        q.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                current.appendCodePoint(Character.toLowerCase(c));
            } else if (!current.isEmpty()) {
                words.add(current.toString());
                current.setLength(0);
            }
        });
        if (!current.isEmpty()) {
            words.add(current.toString());
        }
        return words.size() > max ? words.subList(0, max) : words;
    }

    private static ServerView view(Record r) {
        return new ServerView(Long.toString(r.get("id", Long.class)), r.get("name", String.class),
                r.get("description", String.class), r.get("visibility", String.class), r.get("owner_id", String.class),
                r.get("member_count", Integer.class),
                r.get("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}

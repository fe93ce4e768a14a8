package io.beep.contracts.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The lookup keys of the message view, shared by the projection that writes them and the query
 * side that reads them. Every read of the view is an equality on one string key, so it is one
 * index lookup that returns a bounded set of documents on MongoDB and on a Mongo-wire server that
 * can push down nothing but equalities (FerretDB 1.x sorts and limits in its own process):
 * <ul>
 *   <li>history page: {@code hp = "<channelId>:<n>"}; the n-th run of {@link #PAGE_SIZE} messages
 *       of a channel in the order the projection saw them ({@code seq} from a per-channel counter);</li>
 *   <li>search (on the search copy, which alone carries the words and keys): {@code sk} holds
 *       {@code "<scope>:<prefix>"} for every prefix of 2 to {@link #MAX_PREFIX} characters of every
 *       word ({@link SearchTokens}); the scope is the server ({@code s<id>}), or the channel
 *       ({@code c<id>}) for DM and group channels;</li>
 *   <li>pins: {@code pk = "<channelId>"} only while the message is pinned.</li>
 * </ul>
 *
 * <p>The channel counter document ({@code _id = channelId}) says what a reader may keep: {@link #SEQ}
 * (numbers handed out), {@link #COMMITTED} (every message numbered below it is written: set after
 * the inserts), {@link #CHANGES} (bumped after every change to an existing message of the channel:
 * edit, delete, pin, files, author deleted) and {@link #EPOCH} (random, set when the counter is
 * created, so a rebuilt view never matches what was read from the old one). A history page read
 * after the counter stays valid while epoch and changes are the same and either committed is the
 * same or the page was complete (entirely below committed) when read.
 */
public final class MessageViewKeys {

    /** Messages per history page key. */
    public static final int PAGE_SIZE = 100;
    /** The shortest search term; shorter words are still stored, but not searchable alone. */
    public static final int MIN_PREFIX = 2;
    /** Longer prefixes share the key of their first {@value} characters and are checked on the words. */
    public static final int MAX_PREFIX = 12;
    /** Counter fields, see above. */
    public static final String SEQ = "seq";
    public static final String COMMITTED = "committed";
    public static final String CHANGES = "changes";
    public static final String EPOCH = "epoch";

    private MessageViewKeys() {
    }

    public static long page(long seq) {
        return seq / PAGE_SIZE;
    }

    public static String pageKey(String channelId, long page) {
        return channelId + ":" + page;
    }

    /** The search scope of a message: its server, or its channel outside servers. */
    public static String scope(String serverId, String channelId) {
        return serverId != null ? "s" + serverId : "c" + channelId;
    }

    /** Every search key of the given words (see {@link SearchTokens}) in the scope. */
    public static List<String> searchKeys(String scope, Collection<String> words) {
        var keys = new LinkedHashSet<String>();
        for (var word : words) {
            for (int length = MIN_PREFIX; length <= Math.min(word.length(), MAX_PREFIX); length++) {
                keys.add(scope + ":" + word.substring(0, length));
            }
        }
        return new ArrayList<>(keys);
    }

    /** The key that finds every message with a word starting with {@code term} (plus some to check). */
    public static String searchKey(String scope, String term) {
        return scope + ":" + term.substring(0, Math.min(term.length(), MAX_PREFIX));
    }

    /** Whether a message with these words matches every term (each the start of some word). */
    public static boolean matches(Collection<String> words, Collection<String> terms) {
        for (var term : terms) {
            if (words.stream().noneMatch(word -> word.startsWith(term))) {
                return false;
            }
        }
        return true;
    }
}

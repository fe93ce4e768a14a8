package io.beep.contracts.message;

import java.nio.charset.StandardCharsets;
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
 *   <li>search (on the search copy, which alone carries the words and keys): each message takes
 *       the next number of its scope ({@link #SCOPE_NUMBER}, from a counter document whose id is the
 *       scope: the server {@code s<id>}, or the channel {@code c<id>} for DM and group channels), and
 *       {@code sk} holds a short hash of {@code "<scope>:<prefix>:<level>:<bucket>"} ({@link #bucketKey})
 *       for the prefixes of every word ({@link SearchTokens}) on each of {@link #LEVELS} levels (2 to
 *       {@link #BUCKET_MAX_PREFIX} characters on level 0, 3, 4 and 6 above): the bucket is
 *       the number shifted right by {@link #shift(int)} of the level, so one key selects at most
 *       256, 8,192 or 262,144 consecutive messages of the scope and a reader walks buckets from the
 *       newest, choosing the level from the matches it has seen. Messages stored before buckets
 *       existed carry {@code "<scope>:<prefix>"} ({@link #searchKey(String, String)}) and no number;
 *       readers look them up once the buckets are exhausted;</li>
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
    /** Search bucket levels; level 0 is the finest. */
    public static final int LEVELS = 3;
    /** Level 0 keeps prefixes of 2 up to this many characters (longer terms are checked on the words). */
    public static final int BUCKET_MAX_PREFIX = 8;
    /** The prefix lengths coarser levels keep: a term uses the longest that fits it (3 at least). */
    private static final int[] COARSE_PREFIXES = {3, 4, 6};
    /** The search copy's field holding the message's number in its scope. */
    public static final String SCOPE_NUMBER = "ss";
    private static final int[] SHIFTS = {8, 13, 18};
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

    /** How far a number of the scope is shifted to give its bucket on {@code level}. */
    public static int shift(int level) {
        return SHIFTS[level];
    }

    /** Whether {@code level} has a key for a term of this length. */
    public static boolean hasLevel(String term, int level) {
        return term.length() >= (level == 0 ? MIN_PREFIX : COARSE_PREFIXES[0]);
    }

    /**
     * The key of the messages of {@code bucket} on {@code level} with a word starting with {@code term},
     * or with the prefix of {@code term} that level keeps (the rest is checked on the words): 8
     * characters of a 48-bit hash of scope, prefix, level and bucket. A message carries about a hundred
     * keys and a Mongo-wire server decodes every key of every document it returns, so keys are short;
     * a collision only returns documents of another key, which the reader's checks (channel, words,
     * number) drop.
     */
    public static String bucketKey(String scope, String term, int level, long bucket) {
        int length = level == 0 ? Math.min(term.length(), BUCKET_MAX_PREFIX) : coarseLength(term.length());
        return hash(scope + ":" + term.substring(0, length) + ":" + level + ":" + bucket);
    }

    /** Every bucketed search key of the words of the message numbered {@code number} in the scope. */
    public static List<String> searchKeys(String scope, Collection<String> words, long number) {
        var keys = new LinkedHashSet<String>();
        for (int level = 0; level < LEVELS; level++) {
            long bucket = number >> shift(level);
            for (var word : words) {
                if (level == 0) {
                    for (int length = MIN_PREFIX; length <= Math.min(word.length(), BUCKET_MAX_PREFIX); length++) {
                        keys.add(bucketKey(scope, word.substring(0, length), 0, bucket));
                    }
                } else {
                    for (int length : COARSE_PREFIXES) {
                        if (length <= word.length()) {
                            keys.add(bucketKey(scope, word.substring(0, length), level, bucket));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(keys);
    }

    private static int coarseLength(int termLength) {
        int length = COARSE_PREFIXES[0];
        for (int candidate : COARSE_PREFIXES) {
            if (candidate <= termLength) {
                length = candidate;
            }
        }
        return length;
    }

    /** 48 bits of a 64-bit FNV-1a hash (finished with the SplitMix64 mixer) in 8 base64url characters. */
    private static String hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        var out = new char[8];
        for (int i = 0; i < 8; i++) {
            out[i] = BASE64URL.charAt((int) (h >>> (6 * i)) & 63);
        }
        return new String(out);
    }

    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /**
     * Every search key of the given words (see {@link SearchTokens}) in the scope, in the layout
     * before buckets: still written when a message stored that way is edited, so it stays findable.
     */
    public static List<String> searchKeys(String scope, Collection<String> words) {
        var keys = new LinkedHashSet<String>();
        for (var word : words) {
            for (int length = MIN_PREFIX; length <= Math.min(word.length(), MAX_PREFIX); length++) {
                keys.add(scope + ":" + word.substring(0, length));
            }
        }
        return new ArrayList<>(keys);
    }

    /** The key (layout before buckets) that finds every message with a word starting with {@code term} (plus some to check). */
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

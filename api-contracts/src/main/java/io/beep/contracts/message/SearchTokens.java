package io.beep.contracts.message;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words of a text as search keys: compatibility-decomposed with accents and other combining
 * marks removed, lower-cased, split on anything that is not a letter or a digit, each kept once in
 * order of first appearance. "Café, CAFE!" gives [cafe]. The projections index message contents
 * with it and the query side normalises search queries with it, so both always agree.
 */
public final class SearchTokens {

    /** Longer runs are not words anyone searches for (hashes, base64); they are cut to this. */
    static final int MAX_TOKEN_LENGTH = 64;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchTokens() {
    }

    public static List<String> of(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        var decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        var folded = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        var tokens = new LinkedHashSet<String>();
        for (var token : SEPARATORS.split(folded)) {
            if (!token.isEmpty()) {
                tokens.add(token.length() > MAX_TOKEN_LENGTH ? token.substring(0, MAX_TOKEN_LENGTH) : token);
            }
        }
        return List.copyOf(tokens);
    }
}

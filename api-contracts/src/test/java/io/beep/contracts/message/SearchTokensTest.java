package io.beep.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTokensTest {

    @Test
    void lowerCasesStripsAccentsAndKeepsEachWordOnce() {
        assertThat(SearchTokens.of("Café, CAFE! Crème brûlée")).containsExactly("cafe", "creme", "brulee");
    }

    @Test
    void splitsOnEverythingButLettersAndDigits() {
        assertThat(SearchTokens.of("deploy v2.0 -- at 10:30 #ops @bob"))
                .containsExactly("deploy", "v2", "0", "at", "10", "30", "ops", "bob");
    }

    @Test
    void keepsLettersOfOtherScripts() {
        assertThat(SearchTokens.of("Привет, МИР; 東京")).containsExactly("привет", "мир", "東京");
    }

    @Test
    void foldsCompatibilityForms() {
        assertThat(SearchTokens.of("ＡＢＣ ﬁle İstanbul")).containsExactly("abc", "file", "istanbul");
    }

    @Test
    void blankOrPunctuationOnlyTextHasNoTokens() {
        assertThat(SearchTokens.of("  ...!? ")).isEmpty();
        assertThat(SearchTokens.of(null)).isEmpty();
    }

    @Test
    void cutsOverlongRuns() {
        assertThat(SearchTokens.of("x".repeat(500))).containsExactly("x".repeat(SearchTokens.MAX_TOKEN_LENGTH));
    }
}

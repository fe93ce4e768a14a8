package io.beep.contracts.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageViewKeysTest {

    private static final String SCOPE = "s120015330092257280";

    @Test
    void aMessageHasTheKeysOfItsWordsPrefixesInTheBucketsOfItsNumberOnEveryLevel() {
        long number = 300_000;
        var keys = MessageViewKeys.searchKeys(SCOPE, List.of("common", "ox"), number);

        assertThat(keys).contains(
                MessageViewKeys.bucketKey(SCOPE, "co", 0, number >> 8),
                MessageViewKeys.bucketKey(SCOPE, "common", 0, number >> 8),
                MessageViewKeys.bucketKey(SCOPE, "ox", 0, number >> 8),
                MessageViewKeys.bucketKey(SCOPE, "com", 1, number >> 13),
                MessageViewKeys.bucketKey(SCOPE, "common", 2, number >> 18));
        assertThat(keys).doesNotContain(
                MessageViewKeys.bucketKey(SCOPE, "common", 0, (number >> 8) - 1),
                MessageViewKeys.bucketKey("s1", "common", 0, number >> 8));
        // level 0: co..common (5) + ox (1); levels 1 and 2: com, comm, common (3 each)
        assertThat(keys).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aTermUsesTheLongestPrefixItsLevelKeeps() {
        assertThat(MessageViewKeys.bucketKey(SCOPE, "kalomisuta", 0, 7)).isEqualTo(MessageViewKeys.bucketKey(SCOPE, "kalomisu", 0, 7));
        assertThat(MessageViewKeys.bucketKey(SCOPE, "kalom", 1, 7)).isEqualTo(MessageViewKeys.bucketKey(SCOPE, "kalo", 1, 7));
        assertThat(MessageViewKeys.bucketKey(SCOPE, "kalomisuta", 2, 7)).isEqualTo(MessageViewKeys.bucketKey(SCOPE, "kalomi", 2, 7));
        assertThat(MessageViewKeys.hasLevel("ka", 0)).isTrue();
        assertThat(MessageViewKeys.hasLevel("ka", 1)).isFalse();
    }

    @Test
    void bucketKeysAreShortAndNeverTheKeysOfTheLayoutBeforeBuckets() {
        var key = MessageViewKeys.bucketKey(SCOPE, "rare", 1, 3);
        assertThat(key).hasSize(8).doesNotContain(":");
        assertThat(MessageViewKeys.searchKey(SCOPE, "rare")).isEqualTo(SCOPE + ":rare");
    }
}

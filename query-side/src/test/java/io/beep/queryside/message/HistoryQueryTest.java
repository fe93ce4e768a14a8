package io.beep.queryside.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.contracts.common.ErrorCode;
import io.beep.queryside.message.HistoryQuery.Anchor;
import io.beep.contracts.common.DomainException;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {

    @Test
    void withoutParametersReadsTheNewestFifty() {
        assertThat(HistoryQuery.of(null, null, null, null)).isEqualTo(new HistoryQuery(Anchor.LATEST, 0, 50));
    }

    @Test
    void takesOneAnchorAndALimitUpToAHundred() {
        assertThat(HistoryQuery.of("42", null, null, "100")).isEqualTo(new HistoryQuery(Anchor.BEFORE, 42, 100));
        assertThat(HistoryQuery.of(null, "43", null, "1")).isEqualTo(new HistoryQuery(Anchor.AFTER, 43, 1));
        assertThat(HistoryQuery.of(null, null, "44", null)).isEqualTo(new HistoryQuery(Anchor.AROUND, 44, 50));
    }

    @Test
    void rejectsALimitOverAHundred() {
        assertRejected(() -> HistoryQuery.of(null, null, null, "101"), "limit");
    }

    @Test
    void rejectsALimitBelowOneOrNotANumber() {
        assertRejected(() -> HistoryQuery.of(null, null, null, "0"), "limit");
        assertRejected(() -> HistoryQuery.of(null, null, null, "-5"), "limit");
        assertRejected(() -> HistoryQuery.of(null, null, null, "ten"), "limit");
    }

    @Test
    void rejectsMoreThanOneAnchor() {
        assertRejected(() -> HistoryQuery.of("1", "2", null, null), "at most one");
        assertRejected(() -> HistoryQuery.of("1", null, "3", null), "at most one");
        assertRejected(() -> HistoryQuery.of(null, "2", "3", null), "at most one");
    }

    @Test
    void rejectsAnchorsThatAreNotSnowflakes() {
        assertRejected(() -> HistoryQuery.of("abc", null, null, null), "before");
        assertRejected(() -> HistoryQuery.of(null, "-1", null, null), "after");
        assertRejected(() -> HistoryQuery.of(null, null, "", null), "around");
        assertRejected(() -> HistoryQuery.of("99999999999999999999", null, null, null), "before");
    }

    @Test
    void anAroundPageHoldsHalfNewerAndTheAnchorWithTheOlderHalf() {
        assertThat(HistoryQuery.of(null, null, "7", "5").newerShare()).isEqualTo(2);
        assertThat(HistoryQuery.of(null, null, "7", "1").newerShare()).isZero();
    }

    private static void assertRejected(Runnable parse, String mentioning) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining(mentioning);
    }
}

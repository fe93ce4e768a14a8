package io.beep.queryside.platform.web;

import io.beep.contracts.common.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.contracts.common.ErrorCode;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void aCursorResumesAfterTheKeyItWasMadeFrom() {
        var cursor = Paging.cursorAfter(1234567890123456789L);
        assertThat(cursor).doesNotContain("1234567890123456789");
        assertThat(Paging.keyOf(cursor)).isEqualTo(1234567890123456789L);
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(Paging.keyOf(null)).isNull();
        assertThat(Paging.keyOf("")).isNull();
    }

    @Test
    void aCursorThisApiDidNotHandOutIsBadInput() {
        for (var forged : new String[] {"not base64 !", "MTIz", Paging.cursorAfter(1).substring(1)}) {
            assertThatThrownBy(() -> Paging.keyOf(forged))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void limitDefaultsToFiftyAndStopsAtAHundred() {
        assertThat(Paging.limit(null)).isEqualTo(50);
        assertThat(Paging.limit("100")).isEqualTo(100);
        assertThatThrownBy(() -> Paging.limit("101")).isInstanceOf(DomainException.class);
    }

    @Test
    void aPathIdThatIsNoSnowflakeNamesNothing() {
        assertThat(Ids.path("1234")).isEqualTo(1234L);
        for (var bad : new String[] {"abc", "12a", "", "99999999999999999999", "-3"}) {
            assertThatThrownBy(() -> Ids.path(bad))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}

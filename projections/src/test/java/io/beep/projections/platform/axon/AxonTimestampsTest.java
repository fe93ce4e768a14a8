package io.beep.projections.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class AxonTimestampsTest {

    @Test
    void readsEveryTimestampAxonWritesAsAxonReadsIt() {
        var random = new SplittableRandom(42);
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2400-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            var written = DateTimeUtils.formatInstant(Instant.ofEpochMilli(random.nextLong(from, to)));
            assertThat(AxonTimestamps.parse(written)).as(written).isEqualTo(DateTimeUtils.parseInstant(written));
        }
    }

    @Test
    void readsTheEdgesOfDaysYearsAndLeapDays() {
        for (var written : new String[] {"1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z",
                "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.000Z", "2000-02-29T12:00:00.001Z"}) {
            assertThat(AxonTimestamps.parse(written)).isEqualTo(DateTimeUtils.parseInstant(written));
        }
    }

    @Test
    void leavesOtherShapesToAxonsParser() {
        for (var written : new String[] {"2026-11-28T05:57:01Z", "2026-11-28T05:57:01.123456Z",
                "2026-11-28T06:57:01.123+01:00", "2026-11-28T05:57:01.1Z"}) {
            assertThat(AxonTimestamps.parse(written)).isEqualTo(DateTimeUtils.parseInstant(written));
        }
    }

    @Test
    void refusesWhatAxonsParserRefuses() {
        for (var written : new String[] {"2026-02-30T05:57:01.123Z", "2026-11-28T24:57:01.123Z",
                "2026-11-28T05:57:61.123Z", "2026-1x-28T05:57:01.123Z", "2026-13-28T05:57:01.123Z"}) {
            assertThatThrownBy(() -> AxonTimestamps.parse(written)).as(written)
                    .isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(written)).as(written)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void readsUtcInstantsWithAnyNumberOfFractionDigitsAsInstantParseDoes() {
        var random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            var instant = Instant.ofEpochSecond(random.nextLong(0, 13_000_000_000L), random.nextInt(1_000_000_000));
            var written = instant.toString();
            assertThat(AxonTimestamps.parseUtc(written)).as(written).isEqualTo(Instant.parse(written));
        }
        for (var written : new String[] {"2026-11-28T05:57:01Z", "2026-11-28T05:57:01.1Z",
                "2026-11-28T05:57:01.123456789Z", "2024-02-29T00:00:00.000000001Z"}) {
            assertThat(AxonTimestamps.parseUtc(written)).as(written).isEqualTo(Instant.parse(written));
        }
    }

    @Test
    void leavesOtherShapesOfInstantsUnread() {
        for (var written : new String[] {"2026-11-28T05:57:01.Z", "2026-11-28T05:57:01.1234567890Z",
                "2026-11-28T06:57:01+01:00", "2026-02-30T05:57:01Z", "2026-11-28T23:59:60Z", "+12026-11-28T05:57:01Z",
                "2026-11-28 05:57:01Z", "2026-11-28T05:57:01z", "1714000000"}) {
            assertThat(AxonTimestamps.parseUtc(written)).as(written).isNull();
        }
    }
}

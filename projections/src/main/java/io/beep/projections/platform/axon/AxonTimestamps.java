package io.beep.projections.platform.axon;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the timestamps Axon writes into the event store ({@code 2026-11-28T05:57:01.123Z}: UTC, three
 * fraction digits, see {@link DateTimeUtils#formatInstant}) without a {@code DateTimeFormatter}: the
 * formatter parse was a fifth of the CPU of a projection rebuild. Any other shape goes to Axon's parser.
 */
public final class AxonTimestamps {

    private static final int LENGTH = "2026-11-28T05:57:01.123Z".length();

    private AxonTimestamps() {
    }

    /** The instant of {@code text}, exactly as {@link DateTimeUtils#parseInstant} reads it. */
    public static Instant parse(CharSequence text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.'
                && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && millis >= 0) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second,
                            millis * 1_000_000L);
                } catch (DateTimeException invalidDate) {
                    // e.g. February 30th: let Axon's parser give its own answer
                }
            }
        }
        return DateTimeUtils.parseInstant(text);
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

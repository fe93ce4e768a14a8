package io.beep.projections.platform.axon;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the timestamps Axon writes into the event store ({@code 2026-11-28T05:57:01.123Z}: UTC, three
 * fraction digits, see {@link DateTimeUtils#formatInstant}) without a {@code DateTimeFormatter}: the
 * formatter parse was a fifth of the CPU of a projection rebuild. {@link #parseUtc} reads that shape
 * with up to nine fraction digits (event payloads' instants too); any other shape goes to Axon's parser.
 */
public final class AxonTimestamps {

    private AxonTimestamps() {
    }

    /** The instant of {@code text}, exactly as {@link DateTimeUtils#parseInstant} reads it. */
    public static Instant parse(CharSequence text) {
        var instant = parseUtc(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }

    /**
     * The instant of {@code text} if it has the shape {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (UTC, up to
     * nine fraction digits) and names a valid date and time; else {@code null}.
     */
    public static Instant parseUtc(CharSequence text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = length > 20 ? length - 21 : 0;
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long nanos = fraction;
        for (int i = fractionDigits; i < 9; i++) {
            nanos *= 10;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException invalidDate) {
            return null;
        }
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

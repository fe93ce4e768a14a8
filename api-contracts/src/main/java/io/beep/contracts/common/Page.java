package io.beep.contracts.common;

import java.util.List;

/** Every list answer: the items and an opaque cursor for the next page, or null at the end. */
public record Page<T>(List<T> items, String nextCursor) {

    public static <T> Page<T> of(List<T> items, String nextCursor) {
        return new Page<>(List.copyOf(items), nextCursor);
    }
}

package io.beep.command.platform.web;

import io.beep.contracts.common.DomainException;

/** Small input rules shared by aggregates and requests; each failure is a VALIDATION_FAILED. */
public final class Require {

    private Require() {
    }

    /** A trimmed name (or required text) of 1 to {@code max} characters, without control characters. */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " must not be empty");
        }
        var trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw DomainException.invalid(field + " must be at most " + max + " characters");
        }
        noControlCharacters(field, trimmed);
        return trimmed;
    }

    /** Optional text of at most {@code max} characters; null stays null. */
    public static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw DomainException.invalid(field + " must be at most " + max + " characters");
        }
        noControlCharacters(field, value);
        return value;
    }

    /**
     * Refuses C0 control characters but tab and line breaks (NUL above all: PostgreSQL text and
     * JSONB cannot store it, so no view could ever hold the value and its projection would stall),
     * and unpaired UTF-16 surrogates (half of a pair sent as a JSON escape): no UTF-8 store can hold
     * them, so the views would keep a mangled copy of what the writer was told was saved.
     */
    private static void noControlCharacters(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw DomainException.invalid(field + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DomainException.invalid(field + " must be valid Unicode (an unpaired surrogate was sent)");
            }
        }
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw DomainException.invalid(field + " is required");
        }
        return value;
    }
}

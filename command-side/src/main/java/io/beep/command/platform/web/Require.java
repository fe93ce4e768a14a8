package io.beep.command.platform.web;

import io.beep.contracts.common.DomainException;

/** Small input rules shared by aggregates and requests; each failure is a VALIDATION_FAILED. */
public final class Require {

    private Require() {
    }

    /** A trimmed name of 1 to {@code max} characters. */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " must not be empty");
        }
        var trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw DomainException.invalid(field + " must be at most " + max + " characters");
        }
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
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw DomainException.invalid(field + " is required");
        }
        return value;
    }
}

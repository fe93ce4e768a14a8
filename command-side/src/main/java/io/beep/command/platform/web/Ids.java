package io.beep.command.platform.web;

import io.beep.contracts.common.DomainException;

/** Path ids: a snowflake is 1 to 19 decimal digits; anything else names nothing (404). */
public final class Ids {

    private Ids() {
    }

    public static String snowflake(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(Character::isDigit)) {
            throw DomainException.notFound("resource");
        }
        return id;
    }
}

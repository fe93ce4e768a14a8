package io.beep.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A role's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record RoleId(@JsonValue String value) {

    @JsonCreator
    public RoleId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("RoleId must not be blank");
        }
    }

    public static RoleId of(String value) {
        return new RoleId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

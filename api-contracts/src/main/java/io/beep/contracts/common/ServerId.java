package io.beep.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A server's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record ServerId(@JsonValue String value) {

    @JsonCreator
    public ServerId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ServerId must not be blank");
        }
    }

    public static ServerId of(String value) {
        return new ServerId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

package io.beep.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A user's id: the Keycloak subject (a UUID). Serialises as its plain string value. */
public record UserId(@JsonValue String value) {

    @JsonCreator
    public UserId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("UserId must not be blank");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

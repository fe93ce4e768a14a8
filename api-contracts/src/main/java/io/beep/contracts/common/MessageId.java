package io.beep.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A message's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record MessageId(@JsonValue String value) {

    @JsonCreator
    public MessageId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("MessageId must not be blank");
        }
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

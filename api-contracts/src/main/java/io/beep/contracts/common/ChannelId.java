package io.beep.contracts.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A channel's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record ChannelId(@JsonValue String value) {

    @JsonCreator
    public ChannelId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ChannelId must not be blank");
        }
    }

    public static ChannelId of(String value) {
        return new ChannelId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

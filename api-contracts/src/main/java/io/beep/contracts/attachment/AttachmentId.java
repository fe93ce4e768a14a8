package io.beep.contracts.attachment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A attachment's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record AttachmentId(@JsonValue String value) {

    @JsonCreator
    public AttachmentId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AttachmentId must not be blank");
        }
    }

    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

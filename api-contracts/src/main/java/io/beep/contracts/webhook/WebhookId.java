package io.beep.contracts.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A webhook's id: a time-ordered snowflake in decimal. Serialises as its plain string value. */
public record WebhookId(@JsonValue String value) {

    @JsonCreator
    public WebhookId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("WebhookId must not be blank");
        }
    }

    public static WebhookId of(String value) {
        return new WebhookId(value);
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

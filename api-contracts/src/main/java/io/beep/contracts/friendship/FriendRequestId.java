package io.beep.contracts.friendship;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A friend request's id: a time-ordered snowflake in decimal. */
public record FriendRequestId(@JsonValue String value) {

    @JsonCreator
    public FriendRequestId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("FriendRequestId must not be blank");
        }
    }

    public static FriendRequestId of(String value) {
        return new FriendRequestId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

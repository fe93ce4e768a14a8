package io.beep.contracts.friendship;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.beep.contracts.common.UserId;

/**
 * The id of the friendship of two users: both user ids, sorted, joined by {@code ':'}. The same
 * pair always names the same friendship, whoever asks first.
 */
public record FriendshipId(@JsonValue String value) {

    private static final String SEPARATOR = ":";

    @JsonCreator
    public FriendshipId {
        if (value == null || value.isBlank() || value.split(SEPARATOR, -1).length != 2) {
            throw new IllegalArgumentException("FriendshipId must name two users");
        }
    }

    /** The friendship of {@code a} and {@code b}, in either order. */
    public static FriendshipId of(UserId a, UserId b) {
        if (a.value().equals(b.value())) {
            throw new IllegalArgumentException("a friendship needs two different users");
        }
        var low = a.value().compareTo(b.value()) < 0 ? a : b;
        var high = low == a ? b : a;
        return new FriendshipId(low.value() + SEPARATOR + high.value());
    }

    /** Whether {@code user} is one of the two. */
    public boolean involves(UserId user) {
        var parts = value.split(SEPARATOR, -1);
        return parts[0].equals(user.value()) || parts[1].equals(user.value());
    }

    /** The other user of the pair; {@code user} must be one of the two. */
    public UserId other(UserId user) {
        var parts = value.split(SEPARATOR, -1);
        if (parts[0].equals(user.value())) {
            return UserId.of(parts[1]);
        }
        if (parts[1].equals(user.value())) {
            return UserId.of(parts[0]);
        }
        throw new IllegalArgumentException("not part of this friendship");
    }

    /** The raw value: Axon uses {@code toString()} as the aggregate identifier. */
    @Override
    public String toString() {
        return value;
    }
}

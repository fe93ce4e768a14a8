package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a profile change already applied in Keycloak: the whole profile after the change
 * ({@code avatarKey} null = no avatar).
 */
public record UpdateProfileCommand(
        @TargetAggregateIdentifier UserId userId,
        String username,
        String firstName,
        String lastName,
        String avatarKey) {
}

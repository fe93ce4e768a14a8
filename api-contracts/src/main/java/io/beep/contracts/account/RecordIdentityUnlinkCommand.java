package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a linked identity provider was removed from the account in Keycloak. */
public record RecordIdentityUnlinkCommand(@TargetAggregateIdentifier UserId userId, String provider) {
}

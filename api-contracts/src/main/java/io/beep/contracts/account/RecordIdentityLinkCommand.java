package io.beep.contracts.account;

import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that Keycloak linked an identity provider to the account. */
public record RecordIdentityLinkCommand(@TargetAggregateIdentifier UserId userId, String provider,
                                        String externalUserId, String externalUsername) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Join a server through an invitation; answers the {@link ServerView}. Refused when expired, used up, for someone else, or when banned. */
public record AcceptInviteCommand(@TargetAggregateIdentifier ServerId serverId, String code, UserId userId) {
}

package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an invitation with the given code; null maxAgeSeconds / maxUses mean unlimited, a target makes it personal. Answers the {@link InviteView}. */
public record CreateInviteCommand(@TargetAggregateIdentifier ServerId serverId, String code, UserId createdBy, Long maxAgeSeconds, Integer maxUses, UserId targetUserId) {
}

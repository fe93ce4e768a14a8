package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change a member's nickname and / or mute in one step (all or nothing). {@code nicknameGiven} says
 * whether {@code nickname} applies (null or blank clears it); {@code muteGiven} whether
 * {@code mutedUntil} applies (null unmutes). The caller has checked the permissions. Answers the
 * {@link MemberView}.
 */
public record UpdateMemberCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId, boolean nicknameGiven,
                                  String nickname, boolean muteGiven, Instant mutedUntil, UserId updatedBy) {
}

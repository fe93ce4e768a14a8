package io.beep.contracts.server;

import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent when a mute's time has come: unmutes the member if the mute still ends at {@code mutedUntil}
 * (a later re-mute or an earlier unmute makes it a no-op).
 */
public record ExpireMuteCommand(@TargetAggregateIdentifier ServerId serverId, UserId userId, Instant mutedUntil) {
}

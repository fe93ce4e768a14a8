package io.beep.contracts.server;

import java.time.Instant;

/** A ban of a server. */
public record BanView(String userId, String reason, String bannedBy, Instant bannedAt) {
}

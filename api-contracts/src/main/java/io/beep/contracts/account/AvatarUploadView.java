package io.beep.contracts.account;

import java.time.Instant;

/**
 * Where to upload an avatar: PUT the raw bytes to {@code uploadUrl} with exactly the declared
 * {@code Content-Type} and size before {@code expiresAt}, then {@code PATCH /users/@me {"avatar": key}}.
 */
public record AvatarUploadView(String key, String uploadUrl, Instant expiresAt, long maxBytes) {
}

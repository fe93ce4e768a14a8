package io.beep.command.account;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring e-mail change tokens: {@code base64url(userId \n oldEmail \n newEmail \n expiry)}
 * + "." + its HMAC-SHA256. Nothing is stored: the token carries the pending change, and it only applies
 * while the account still has the old address (a later change or a replay after success is harmless).
 */
@Component
class EmailChangeLinks {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final AccountsProperties.EmailChange settings;
    private final Clock clock;

    @Autowired
    EmailChangeLinks(AccountsProperties properties) {
        this(properties.emailChange(), Clock.systemUTC());
    }

    EmailChangeLinks(AccountsProperties.EmailChange settings, Clock clock) {
        if (settings.secret() == null || settings.secret().length() < 16) {
            throw new IllegalStateException("beep.accounts.email-change.secret must be at least 16 characters");
        }
        this.settings = settings;
        this.clock = clock;
    }

    /** A pending change, as signed in a token. */
    record Change(UserId userId, String oldEmail, String newEmail, Instant expiresAt) {
    }

    Change pending(UserId user, String oldEmail, String newEmail) {
        return new Change(user, oldEmail == null ? "" : oldEmail, newEmail, clock.instant().plus(settings.ttl()));
    }

    String token(Change change) {
        var payload = String.join("\n", change.userId().value(), change.oldEmail(), change.newEmail(),
                Long.toString(change.expiresAt().getEpochSecond()));
        var encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** The link of the mail: the public confirmation route with the token. */
    String link(Change change) {
        return settings.publicUrl().replaceAll("/+$", "") + "/api/v1/auth/email-change/confirm?token=" + token(change);
    }

    /** The change a token carries; 400 VALIDATION_FAILED when it is malformed, forged or expired. */
    Change verify(String token) {
        if (token == null || token.length() > 2048) {
            throw DomainException.invalid("an e-mail change token is required");
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            throw DomainException.invalid("malformed e-mail change token");
        }
        var encoded = token.substring(0, dot);
        byte[] signature;
        String[] parts;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            parts = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("malformed e-mail change token");
        }
        if (!MessageDigest.isEqual(mac(encoded), signature) || parts.length != 4) {
            throw DomainException.invalid("invalid e-mail change token");
        }
        var expires = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        if (!clock.instant().isBefore(expires)) {
            throw DomainException.invalid("the e-mail change link has expired; request the change again");
        }
        return new Change(UserId.of(parts[0]), parts[1], parts[2], expires);
    }

    private byte[] mac(String data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

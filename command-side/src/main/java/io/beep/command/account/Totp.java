package io.beep.command.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords with Keycloak's default policy: HMAC-SHA1, 6 digits, 30 s
 * steps, one step of tolerance either way. Keycloak keys the HMAC with the bytes of its stored secret
 * string, and authenticator apps take the Base32 form of those same bytes.
 */
final class Totp {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    static final String ALGORITHM = "HmacSHA1";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new 20-character secret as Keycloak stores it. */
    static String newSecret() {
        var secret = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            secret.append(SECRET_ALPHABET.charAt(RANDOM.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }

    /** The secret as authenticator apps take it (Base32 of its bytes, no padding). */
    static String base32(String secret) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        var out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Whether {@code code} is the code of the step of {@code now} or of a neighbouring step. */
    static boolean verify(String secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
            return false;
        }
        long step = now.getEpochSecond() / PERIOD_SECONDS;
        for (long s = step - 1; s <= step + 1; s++) {
            if (code(secret, s).equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** The code of one time step. */
    static String code(String secret, long step) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            var hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}

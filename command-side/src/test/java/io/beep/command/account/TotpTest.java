package io.beep.command.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA1 seed "12345678901234567890" (8-digit codes there; 6 are their last six). */
    @Test
    void codesMatchTheRfcTestVectors() {
        var seed = "12345678901234567890";
        assertThat(Totp.code(seed, 59 / 30)).isEqualTo("287082");
        assertThat(Totp.code(seed, 1111111109L / 30)).isEqualTo("081804");
        assertThat(Totp.code(seed, 2000000000L / 30)).isEqualTo("279037");
    }

    @Test
    void aCodeIsValidForItsStepAndOneStepEitherSide() {
        var secret = Totp.newSecret();
        var now = Instant.ofEpochSecond(1_800_000_000L);
        var step = now.getEpochSecond() / 30;
        assertThat(Totp.verify(secret, Totp.code(secret, step), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, step - 1), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, step + 1), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.code(secret, step + 2), now)).isFalse();
        assertThat(Totp.verify(secret, "12345", now)).isFalse();
        assertThat(Totp.verify(secret, "abcdef", now)).isFalse();
    }

    @Test
    void theBase32FormIsWhatAuthenticatorAppsExpect() {
        assertThat(Totp.base32("12345678901234567890")).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.newSecret()).hasSize(20);
    }
}

package io.beep.command.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EmailChangeLinksTest {

    private static final UserId ADA = UserId.of("5f0c2a1e-8b7d-4c3e-9a51-2d6f7e8b9c01");
    private static final Instant NOW = Instant.parse("2026-11-27T21:00:00Z");
    private static final AccountsProperties.EmailChange SETTINGS = new AccountsProperties.EmailChange(
            "a-test-secret-of-enough-length", Duration.ofHours(1), "http://127.0.0.1:8080/", "127.0.0.1", 3025, "x@y.z");

    private static EmailChangeLinks at(Instant instant) {
        return new EmailChangeLinks(SETTINGS, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aTokenCarriesThePendingChangeBackUntilItExpires() {
        var links = at(NOW);
        var change = links.pending(ADA, "ada@old.local", "ada@new.local");
        var verified = at(NOW.plus(Duration.ofMinutes(59))).verify(links.token(change));
        assertThat(verified.userId()).isEqualTo(ADA);
        assertThat(verified.oldEmail()).isEqualTo("ada@old.local");
        assertThat(verified.newEmail()).isEqualTo("ada@new.local");
        assertThat(links.link(change)).startsWith("http://127.0.0.1:8080/api/v1/auth/email-change/confirm?token=");

        assertThatThrownBy(() -> at(NOW.plus(Duration.ofHours(1))).verify(links.token(change)))
                .isInstanceOf(DomainException.class).hasMessageContaining("expired");
    }

    @Test
    void aForgedOrMangledTokenIsRefused() {
        var links = at(NOW);
        var token = links.token(links.pending(ADA, "ada@old.local", "ada@new.local"));
        var forged = links.token(links.pending(ADA, "ada@old.local", "mallory@evil.local"));
        var swapped = forged.substring(0, forged.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> links.verify(swapped)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> links.verify("no-dot")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> links.verify("%%%.%%%")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> links.verify(null)).isInstanceOf(DomainException.class);
        var otherSecret = new EmailChangeLinks(new AccountsProperties.EmailChange("another-secret-of-enough-length",
                Duration.ofHours(1), "http://x", "h", 1, "f"), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> otherSecret.verify(token)).isInstanceOf(DomainException.class);
    }
}

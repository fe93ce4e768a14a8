package io.beep.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookTokensTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";
    private static final Instant NOW = Instant.parse("2026-11-27T20:00:00Z");
    private final WebhookProperties properties = new WebhookProperties(SECRET, Duration.ofHours(1), 5, 2000);
    private final WebhookTokens tokens = new WebhookTokens(properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenNamesItsWebhookAndChannel() {
        var claims = tokens.verify(tokens.issue("700", "200"));
        assertThat(claims).isEqualTo(new WebhookTokens.Claims("700", "200"));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        var other = new WebhookTokens(new WebhookProperties(SECRET + "-other", Duration.ofHours(1), 5, 2000),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertUnauthenticated(other.issue("700", "200"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        var token = tokens.issue("700", "200");
        var later = new WebhookTokens(properties, Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void aTamperedOrMalformedTokenIsRefused() {
        var token = tokens.issue("700", "200");
        var parts = token.split("\\.");
        var otherClaims = tokens.issue("701", "200").split("\\.")[1];
        assertUnauthenticated(parts[0] + "." + otherClaims + "." + parts[2]);
        assertUnauthenticated("not-a-jwt");
    }

    private void assertUnauthenticated(String token) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
}

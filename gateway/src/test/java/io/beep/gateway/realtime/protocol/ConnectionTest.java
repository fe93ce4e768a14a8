package io.beep.gateway.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    @Test
    void aSocketsTokenExpiresAtItsExpiryInstantAndNotBefore() {
        var connection = new Connection(16);
        var expiry = Instant.parse("2026-11-27T12:00:00Z");
        connection.tokenExpiresAt(expiry);

        assertThat(connection.tokenExpired(expiry.minusMillis(1))).isFalse();
        assertThat(connection.tokenExpired(expiry)).isTrue();
        assertThat(connection.tokenExpired(expiry.plusSeconds(60))).isTrue();
    }

    @Test
    void aTokenWithoutExpiryNeverExpiresTheSocket() {
        var connection = new Connection(16);

        assertThat(connection.tokenExpired(Instant.now().plusSeconds(365L * 24 * 3600))).isFalse();
    }

    @Test
    void closingKeepsTheFirstCloseCode() {
        var connection = new Connection(16);
        connection.close(CloseCodes.TOKEN_EXPIRED, "expired");
        connection.close(CloseCodes.SESSION_TIMED_OUT, "silent");

        assertThat(connection.closeStatus().getCode()).isEqualTo(CloseCodes.TOKEN_EXPIRED);
        assertThat(connection.send("{}")).isFalse();
    }
}

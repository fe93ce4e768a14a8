package io.beep.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    private final AtomicInteger checks = new AtomicInteger();

    private JwtDecoder checking(Instant expiresAt) {
        return token -> {
            checks.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                    .issuedAt(NOW.minusSeconds(10)).expiresAt(expiresAt).build();
        };
    }

    @Test
    void checksATokenOnceWhileItIsValid() {
        var decoder = new CachingJwtDecoder(checking(NOW.plusSeconds(600)), Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(decoder.decode("t1").getSubject()).isEqualTo("alice");
        assertThat(decoder.decode("t1").getSubject()).isEqualTo("alice");
        decoder.decode("t2");

        assertThat(checks).hasValue(2);
    }

    @Test
    void checksAgainOnceTheTokenExpired() {
        var expiresAt = NOW.plusSeconds(30);
        var clock = new MovableClock(NOW);
        var decoder = new CachingJwtDecoder(checking(expiresAt), Duration.ofMinutes(5), clock);
        decoder.decode("t1");
        decoder.decode("t1");

        clock.now = expiresAt.plusSeconds(1);
        decoder.decode("t1");

        assertThat(checks).hasValue(2);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void neverKeepsAFailedCheck() {
        var decoder = new CachingJwtDecoder(checking(NOW.plusSeconds(600)), Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);

        assertThat(checks).hasValue(2);
    }
}

package io.beep.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8PathFirewallTest {

    @Test
    void acceptsPlainAndUtf8EscapedPaths() {
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/servers/1")).isTrue();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/users/%C3%A9t%C3%A9")).isTrue();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/users/%F0%9F%98%80")).isTrue();
    }

    @Test
    void refusesEscapesThatAreNotUtf8OrCutShort() {
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/users/@me/%FF")).isFalse();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/servers/%E2%82")).isFalse();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/servers/%ED%A0%80")).isFalse();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/servers/%F")).isFalse();
        assertThat(Utf8PathFirewall.decodesAsUtf8("/api/v1/servers/%ZZ")).isFalse();
    }
}

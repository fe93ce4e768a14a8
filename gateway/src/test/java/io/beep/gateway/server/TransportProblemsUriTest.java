package io.beep.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportProblemsUriTest {

    @Test
    void acceptsWhatJavaUriAcceptsAndRefusesWhatItRefuses() {
        for (var ok : new String[] {"/api/v1/servers", "/api/v1/users/@me?q=a%20b&limit=5", "/api/v1/users/%C3%A9",
                "/a?q=%FF", "*", "http://example.com/x?y=1"}) {
            assertThat(TransportProblems.isUri(ok)).as(ok).isTrue();
        }
        for (var bad : new String[] {"/api/v1/users/@me?q=%ZZ", "/api/v1/servers/%F", "/a?q={x}", "/a|b",
                "/a?q=\"x\"", "/a^b", "/a`b", "/a\\b"}) {
            assertThat(TransportProblems.isUri(bad)).as(bad).isFalse();
        }
    }

    @Test
    void theParsingShortcutOnlyTakesTargetsJavaUriParses() {
        var alphabet = "abcXYZ019" + TransportProblems.PLAIN;
        var random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            var target = new StringBuilder("/");
            for (int i = random.nextInt(30); i > 0; i--) {
                target.append(random.nextInt(8) == 0 ? "%4" + "1aF".charAt(random.nextInt(3))
                        : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            var text = target.toString();
            assertThat(TransportProblems.isUri(text)).isTrue();
            assertThatCode(() -> new URI("http://gateway" + text)).as(text).doesNotThrowAnyException();
        }
    }
}

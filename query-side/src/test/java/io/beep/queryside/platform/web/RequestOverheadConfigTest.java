package io.beep.queryside.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequestOverheadConfigTest {

    /** StrictHttpFirewall's own patterns for header and parameter names, and for header values. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void firewallAcceptsExactlyWhatTheDefaultPatternsAccept() {
        var samples = new java.util.ArrayList<>(List.of("", "Bearer abc.def", "a\tb", "x\u0000", "line\nbreak", "\r",
                "del\u007f", "c1\u0085", "nbsp\u00a0", "caf\u00e9", "\uD83D\uDE00", "\uD800", "unassigned\u0378",
                "\uDB7F\uDFFF", "|pipe|", "~!@#$%^&*()"));
        for (int c = 0; c < 0x800; c++) {
            samples.add("a" + (char) c + "z");
        }
        for (var sample : samples) {
            assertThat(RequestOverheadConfig.allowed(sample, false)).as(sample).isEqualTo(NAMES.matcher(sample).matches());
            assertThat(RequestOverheadConfig.allowed(sample, true)).as(sample).isEqualTo(VALUES.matcher(sample).matches());
        }
    }
}

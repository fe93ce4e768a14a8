package io.beep.command.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Per-request work a stateless, token-authenticated API does not need (docs/benchmarks.md, "HTTP stack
 * per request"): no observations around every security filter, authentication and decision, and the
 * default firewall with its header and parameter rules checked by a code point loop instead of a
 * regular expression per value (same rules: assigned, no control characters, tab allowed in header values).
 */
@Configuration(proxyBeanMethods = false)
class RequestOverheadConfig {

    /** Request metrics ({@code http.server.requests}) stay; only Spring Security's own observations go. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(name -> allowed(name, false));
        firewall.setAllowedHeaderValues(value -> allowed(value, true));
        firewall.setAllowedParameterNames(name -> allowed(name, false));
        return firewall;
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, with tab allowed when {@code tab}. */
    static boolean allowed(String value, boolean tab) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c < 0x7f) {
                if (c < 0x20 && !(tab && c == '\t')) {
                    return false;
                }
            } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}

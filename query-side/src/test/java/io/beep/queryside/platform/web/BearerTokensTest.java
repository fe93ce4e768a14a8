package io.beep.queryside.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {

    private static final List<String> HEADERS = Arrays.asList(null, "", "Basic dXNlcjpwYXNz", "Bearer abc.DEF-ghi_~+/9",
            "bearer abc", "BEARER abc==", "Bearer abc=", "Bearer abc=def", "Bearer ", "Bearer", "bearer",
            "Bearerabc", "Bearer  abc", "Bearer abc ", "Bearer abc\n", "Bearer ===", "Bearer a\u00e9b", "Bearer\tabc",
            "Token abc", "bearers abc", "Bearer a.b.c");

    @Test
    void readsExactlyTheTokensSpringSecuritysResolverReads() {
        var spring = new DefaultBearerTokenResolver();
        for (var header : HEADERS) {
            var request = new MockHttpServletRequest("GET", "/api/v1/servers");
            if (header != null) {
                request.addHeader("Authorization", header);
            }
            String expected;
            try {
                expected = spring.resolve(request);
            } catch (OAuth2AuthenticationException malformed) {
                assertThatThrownBy(() -> BearerTokens.resolve(request)).as(header)
                        .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                                e -> assertThat(e.getError().getErrorCode()).isEqualTo(malformed.getError().getErrorCode()));
                continue;
            }
            assertThat(BearerTokens.resolve(request)).as(header).isEqualTo(expected);
        }
    }
}

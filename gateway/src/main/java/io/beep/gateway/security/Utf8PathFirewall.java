package io.beep.gateway.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refuses a path whose percent-escapes are not UTF-8 ({@code /users/@me/%FF}) or are cut short
 * ({@code %F}) before the other checks of {@code delegate}: the services' servlet containers would
 * answer those with an HTML error page instead of problem+json.
 */
final class Utf8PathFirewall implements ServerWebExchangeFirewall {

    private final ServerWebExchangeFirewall delegate;

    Utf8PathFirewall(ServerWebExchangeFirewall delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        var path = exchange.getRequest().getURI().getRawPath();
        if (path != null && path.indexOf('%') >= 0 && !decodesAsUtf8(path)) {
            return Mono.error(new ServerExchangeRejectedException("the path is not percent-encoded UTF-8"));
        }
        return delegate.getFirewalledExchange(exchange);
    }

    static boolean decodesAsUtf8(String rawPath) {
        var bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= rawPath.length()) {
                return false;
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

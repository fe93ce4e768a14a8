package io.beep.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in Keycloak realm on a random loopback port: serves a JWKS, signs tokens with its test
 * RSA key, and answers token introspection for the opaque tokens registered in {@link #active}.
 */
final class TestIssuer {

    static final String REALM_PATH = "/realms/beep";
    static final String CLIENT_ID = "beep-backend";
    static final String CLIENT_SECRET = "test-secret";
    static final String FAILING_TOKEN = "token-that-breaks-introspection";

    private final RSAKey key;
    private final DisposableServer server;
    /** Opaque tokens the introspection endpoint calls active, with their expiry. */
    final Map<String, Instant> active = new ConcurrentHashMap<>();
    final AtomicInteger introspections = new AtomicInteger();
    volatile String lastIntrospectionAuthorization;

    private TestIssuer() {
        this.key = newKey("test-key");
        var jwks = new JWKSet(key.toPublicJWK()).toString();
        this.server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
                .get(REALM_PATH + "/protocol/openid-connect/certs", (request, response) -> response
                        .header("Content-Type", "application/json").sendString(Mono.just(jwks)))
                .post(REALM_PATH + "/protocol/openid-connect/token/introspect", (request, response) -> request
                        .receive().aggregate().asString().flatMap(form -> {
                            introspections.incrementAndGet();
                            lastIntrospectionAuthorization = request.requestHeaders().get("Authorization");
                            var token = URLDecoder.decode(form.replaceFirst("^.*token=([^&]*).*$", "$1"),
                                    StandardCharsets.UTF_8);
                            if (token.equals(FAILING_TOKEN)) {
                                return response.status(500).send();
                            }
                            var expiry = active.get(token);
                            var body = expiry == null ? "{\"active\":false}"
                                    : "{\"active\":true,\"sub\":\"alice-id\",\"username\":\"alice\",\"exp\":"
                                            + expiry.getEpochSecond() + ",\"iss\":\"" + issuer() + "\"}";
                            return response.header("Content-Type", "application/json")
                                    .sendString(Mono.just(body)).then();
                        })))
                .bindNow();
    }

    static TestIssuer start() {
        return new TestIssuer();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.port() + REALM_PATH;
    }

    String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    static String basicCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** A valid access token for alice, changed by {@code customizer}. */
    String token(Consumer<JWTClaimsSet.Builder> customizer) {
        return sign(key, customizer);
    }

    String validToken() {
        return token(claims -> { });
    }

    /** A token that looks right (same kid) but is signed by a key the issuer never published. */
    String tokenSignedByAnotherKey() {
        return sign(newKey("test-key"), claims -> { });
    }

    private String sign(RSAKey signingKey, Consumer<JWTClaimsSet.Builder> customizer) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer())
                .subject("alice-id")
                .claim("preferred_username", "alice")
                .claim("typ", "Bearer")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
        customizer.accept(claims);
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

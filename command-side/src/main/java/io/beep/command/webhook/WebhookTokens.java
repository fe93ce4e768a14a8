package io.beep.command.webhook;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Webhook tokens: HS256 JWTs signed with the service secret, issuer {@value #ISSUER}, subject the
 * webhook id, claim {@value #CHANNEL_CLAIM} its channel, with an expiry. A token that is malformed,
 * signed with another key or algorithm, from another issuer, or expired is UNAUTHENTICATED.
 */
@Component
class WebhookTokens {

    static final String ISSUER = "beep-webhooks";
    static final String CHANNEL_CLAIM = "channel_id";

    private final byte[] secret;
    private final WebhookProperties properties;
    private final Clock clock;

    @Autowired
    WebhookTokens(WebhookProperties properties) {
        this(properties, Clock.systemUTC());
    }

    WebhookTokens(WebhookProperties properties, Clock clock) {
        this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
        this.properties = properties;
        this.clock = clock;
    }

    String issue(String webhookId, String channelId) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(webhookId)
                .claim(CHANNEL_CLAIM, channelId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.tokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a webhook token", e);
        }
    }

    /** The webhook and channel a valid token names. */
    Claims verify(String token) {
        try {
            var jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw invalid("the webhook token's signature is not valid");
            }
            var claims = jwt.getJWTClaimsSet();
            var expiry = claims.getExpirationTime();
            if (expiry == null || !expiry.toInstant().isAfter(Instant.now(clock))) {
                throw invalid("the webhook token has expired");
            }
            var channel = claims.getStringClaim(CHANNEL_CLAIM);
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || channel == null) {
                throw invalid("the token is not a webhook token");
            }
            return new Claims(claims.getSubject(), channel);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw invalid("the webhook token is malformed");
        }
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.UNAUTHENTICATED, message);
    }

    /** What a verified token names. */
    record Claims(String webhookId, String channelId) {
    }
}

package io.beep.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the RS256 verification key for a JWT from the realm's (already cached) JWKS, and keeps the
 * converted Java public keys: Nimbus would otherwise rebuild each key from Base64 on every request,
 * which dominates the cost of a token check.
 */
final class CachingKeySelector extends JWSVerificationKeySelector<JWKSecurityContext> {

    private static final int MAX_KEYS = 64;

    private final Map<JWK, Key> publicKeys = new ConcurrentHashMap<>();

    CachingKeySelector() {
        super(JWSAlgorithm.RS256, new JWKSecurityContextJWKSet());
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, JWKSecurityContext context) throws KeySourceException {
        if (!isAllowed(header.getAlgorithm())) {
            return List.of();
        }
        var matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        var keys = new ArrayList<Key>(1);
        for (var jwk : context.getKeys()) {
            if (matcher.matches(jwk)) {
                keys.add(publicKey(jwk));
            }
        }
        return keys;
    }

    private Key publicKey(JWK jwk) throws KeySourceException {
        var cached = publicKeys.get(jwk);
        if (cached != null) {
            return cached;
        }
        if (!(jwk instanceof AsymmetricJWK asymmetric)) {
            throw new KeySourceException("Unsupported key type " + jwk.getKeyType());
        }
        try {
            var key = asymmetric.toPublicKey();
            if (publicKeys.size() >= MAX_KEYS) {
                publicKeys.clear();
            }
            publicKeys.put(jwk, key);
            return key;
        } catch (JOSEException e) {
            throw new KeySourceException("Unusable key " + jwk.getKeyID(), e);
        }
    }
}

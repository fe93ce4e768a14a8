package io.beep.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every gateway setting, bound from {@code beep.gateway.*} (each overridable by environment
 * variable).
 *
 * @param maxBodyBytes largest request body forwarded; larger ones answer 413
 * @param accessLog whether to log one line per request (method, path, status, duration, request id)
 * @param backends base URL of each backend service, by name
 * @param routes ordered route table; the first route that matches wins
 */
@ConfigurationProperties("beep.gateway")
public record GatewayProperties(
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("false") boolean accessLog,
        @DefaultValue Auth auth,
        Map<String, URI> backends,
        List<RouteDefinition> routes,
        @DefaultValue Upstream upstream,
        @DefaultValue OpenApi openapi) {

    public GatewayProperties {
        backends = backends == null ? Map.of() : Map.copyOf(backends);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** How bearer tokens are checked. */
    public enum AuthMode {
        /** Local signature and claim checks against the issuer's JWKS. */
        JWT,
        /** OAuth2 token introspection at the issuer, answers cached briefly. */
        INTROSPECTION
    }

    /**
     * Token validation settings.
     *
     * @param issuerUri the Keycloak realm URL; tokens must carry it as {@code iss}
     * @param jwkSetUri where signing keys are read (defaults to the realm's certs endpoint)
     * @param introspectionUri the realm's introspection endpoint (defaults from the issuer)
     * @param clientId confidential client used for introspection
     * @param clientSecret its secret
     * @param introspectionCacheTtl how long a positive introspection answer is reused (never past
     *     the token's expiry)
     * @param jwtCacheTtl how long a verified JWT is reused without checking its signature again
     *     (never past its expiry)
     * @param tokenCacheSize most tokens kept in either cache
     * @param clockSkew tolerance on {@code exp} and {@code nbf}
     */
    public record Auth(
            @DefaultValue("JWT") AuthMode mode,
            @DefaultValue("http://127.0.0.1:8180/realms/beep") URI issuerUri,
            URI jwkSetUri,
            URI introspectionUri,
            @DefaultValue("beep-backend") String clientId,
            @DefaultValue("beep-backend-secret") String clientSecret,
            @DefaultValue("30s") Duration introspectionCacheTtl,
            @DefaultValue("5m") Duration jwtCacheTtl,
            @DefaultValue("10000") long tokenCacheSize,
            @DefaultValue("30s") Duration clockSkew) {

        public Auth {
            var realm = issuerUri.toString().replaceAll("/+$", "");
            if (jwkSetUri == null) {
                jwkSetUri = URI.create(realm + "/protocol/openid-connect/certs");
            }
            if (introspectionUri == null) {
                introspectionUri = URI.create(realm + "/protocol/openid-connect/token/introspect");
            }
        }
    }

    /**
     * One line of the route table.
     *
     * @param id name used in logs
     * @param paths path patterns ({@code /api/v1/**}); any of them may match
     * @param methods HTTP methods; empty means all
     * @param backend name of an entry in {@code backends}
     * @param responseTimeout overrides the upstream response timeout for this route
     */
    public record RouteDefinition(
            String id, List<String> paths, Set<String> methods, String backend, Duration responseTimeout) {

        public RouteDefinition {
            paths = paths == null ? List.of() : List.copyOf(paths);
            methods = methods == null ? Set.of() : Set.copyOf(methods);
        }
    }

    /**
     * The pooled HTTP client used towards backends.
     *
     * @param connectTimeout time to open a connection
     * @param responseTimeout longest silence while waiting for or reading a response
     * @param maxConnections pooled connections per backend
     * @param pendingAcquireMaxCount requests that may wait for a pooled connection
     * @param maxIdleTime idle connections older than this are closed (keep it below the backends'
     *     keep-alive timeout)
     */
    public record Upstream(
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("30s") Duration responseTimeout,
            @DefaultValue("500") int maxConnections,
            @DefaultValue("10000") int pendingAcquireMaxCount,
            @DefaultValue("15s") Duration maxIdleTime) {
    }

    /**
     * The merged OpenAPI document.
     *
     * @param sources backend names whose documents are merged, in order (later ones win on clashes)
     * @param docsPath where each backend serves its document
     * @param cacheTtl how long a merged document is reused
     * @param fetchTimeout how long to wait for one backend's document
     * @param serverUrl the public URL written to {@code servers}
     * @param title document title
     * @param version document version
     */
    public record OpenApi(
            List<String> sources,
            @DefaultValue("/v3/api-docs") String docsPath,
            @DefaultValue("5s") Duration cacheTtl,
            @DefaultValue("3s") Duration fetchTimeout,
            @DefaultValue("http://127.0.0.1:8080") String serverUrl,
            @DefaultValue("Beep API") String title,
            @DefaultValue("v1") String version) {

        public OpenApi {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }
}

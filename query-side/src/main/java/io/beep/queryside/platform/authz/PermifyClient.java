package io.beep.queryside.platform.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.ErrorCode;
import io.beep.queryside.platform.web.DomainException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/**
 * A thin typed client of Permify's HTTP permission check. Any failure to get an answer fails
 * closed with {@link ErrorCode#AUTHORIZATION_UNAVAILABLE}.
 */
@Component
public class PermifyClient {

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final PermifyProperties properties;
    private final URI checkUri;

    public PermifyClient(ObjectMapper mapper, PermifyProperties properties) {
        this.mapper = mapper;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(properties.timeoutMs()))
                .build();
        this.checkUri = URI.create(properties.url() + "/v1/tenants/" + properties.tenant() + "/permissions/check");
    }

    /** Whether {@code user} has {@code permission} on the entity, at least as fresh as {@code snapToken}. */
    public boolean check(String entityType, String entityId, String permission, String userId, String snapToken) {
        try {
            return checkAsync(entityType, entityId, permission, userId, snapToken).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof DomainException d ? d : unavailable("authorization service unreachable");
        }
    }

    /** {@link #check} without blocking; fails with a {@link DomainException} when there is no answer. */
    public CompletableFuture<Boolean> checkAsync(String entityType, String entityId, String permission,
                                                 String userId, String snapToken) {
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("depth", 20);
        if (snapToken != null && !snapToken.isEmpty()) {
            metadata.put("snap_token", snapToken);
        }
        var body = Map.of(
                "metadata", metadata,
                "entity", Map.of("type", entityType, "id", entityId),
                "permission", permission,
                "subject", Map.of("type", "user", "id", userId));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(checkUri)
                    .timeout(Duration.ofMillis(properties.timeoutMs()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(unavailable("cannot encode the permission check"));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw unavailable("authorization service unreachable");
                    }
                    if (response.statusCode() != 200) {
                        throw unavailable("authorization service answered " + response.statusCode());
                    }
                    try {
                        return "CHECK_RESULT_ALLOWED".equals(mapper.readTree(response.body()).path("can").asText());
                    } catch (IOException e) {
                        throw unavailable("unreadable answer from the authorization service");
                    }
                });
    }

    private static DomainException unavailable(String message) {
        return new DomainException(ErrorCode.AUTHORIZATION_UNAVAILABLE, message + "; request refused (fail closed)");
    }
}

package io.beep.command.platform.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.command.platform.web.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A thin typed client of Permify's HTTP API for permission checks. Any failure to get an answer
 * fails closed with {@link ErrorCode#AUTHORIZATION_UNAVAILABLE}.
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
        JsonNode answer = post(checkUri, body);
        return "CHECK_RESULT_ALLOWED".equals(answer.path("can").asText());
    }

    private JsonNode post(URI uri, Object body) {
        try {
            var request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(properties.timeoutMs()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable("authorization service answered " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw unavailable("authorization service unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while checking permissions");
        }
    }

    private static DomainException unavailable(String message) {
        return new DomainException(ErrorCode.AUTHORIZATION_UNAVAILABLE, message + "; request refused (fail closed)");
    }
}

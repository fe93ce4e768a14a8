package io.beep.saga.platform.permify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * A thin typed client of the Permify HTTP endpoints the saga uses: schema write, data write and
 * data delete. Remembers the newest snap token it was given, for read-your-writes checks.
 */
@Component
public class PermifyClient implements PermissionTuples {

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final PermifyProperties properties;
    private final AtomicReference<String> latestSnapToken = new AtomicReference<>("");

    public PermifyClient(ObjectMapper mapper, PermifyProperties properties) {
        this.mapper = mapper;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(properties.timeoutMs()))
                .build();
    }

    /** Writes the schema; answers its version. */
    public String writeSchema(String schema) {
        var answer = post("/schemas/write", Map.of("schema", schema));
        return answer.path("schema_version").asText();
    }

    @Override
    public String write(List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return latestSnapToken.get();
        }
        var body = Map.of("metadata", Map.of("schema_version", ""), "tuples", tuples.stream().map(PermifyClient::json).toList(),
                "attributes", List.of());
        return remember(post("/data/write", body).path("snap_token").asText());
    }

    @Override
    public String delete(List<Tuple> tuples) {
        String token = latestSnapToken.get();
        for (var tuple : tuples) {
            var filter = new LinkedHashMap<String, Object>();
            filter.put("entity", Map.of("type", tuple.entityType(), "ids", List.of(tuple.entityId())));
            filter.put("relation", tuple.relation());
            filter.put("subject", Map.of("type", tuple.subjectType(), "ids", List.of(tuple.subjectId()),
                    "relation", tuple.subjectRelation()));
            token = remember(post("/data/delete", Map.of("tuple_filter", filter, "attribute_filter", Map.of()))
                    .path("snap_token").asText());
        }
        return token;
    }

    /** Reads the tuples of one entity (for drift checks and tests). */
    public List<Tuple> read(String entityType, String entityId) {
        var result = new ArrayList<Tuple>();
        String continuation = "";
        do {
            var body = new LinkedHashMap<String, Object>();
            body.put("metadata", Map.of("snap_token", ""));
            body.put("filter", Map.of("entity", Map.of("type", entityType, "ids", List.of(entityId))));
            body.put("page_size", 100);
            body.put("continuous_token", continuation);
            var answer = post("/data/relationships/read", body);
            for (JsonNode t : answer.path("tuples")) {
                result.add(new Tuple(t.path("entity").path("type").asText(), t.path("entity").path("id").asText(),
                        t.path("relation").asText(), t.path("subject").path("type").asText(),
                        t.path("subject").path("id").asText(), t.path("subject").path("relation").asText()));
            }
            continuation = answer.path("continuous_token").asText("");
        } while (!continuation.isEmpty());
        return result;
    }

    /** The newest snap token this client was given, or "" before the first write. */
    public String latestSnapToken() {
        return latestSnapToken.get();
    }

    private String remember(String token) {
        if (token != null && !token.isEmpty()) {
            latestSnapToken.set(token);
        }
        return latestSnapToken.get();
    }

    private static Map<String, Object> json(Tuple tuple) {
        var subject = new LinkedHashMap<String, Object>();
        subject.put("type", tuple.subjectType());
        subject.put("id", tuple.subjectId());
        if (!tuple.subjectRelation().isEmpty()) {
            subject.put("relation", tuple.subjectRelation());
        }
        return Map.of("entity", Map.of("type", tuple.entityType(), "id", tuple.entityId()),
                "relation", tuple.relation(), "subject", subject);
    }

    private JsonNode post(String path, Object body) {
        var uri = URI.create(properties.url() + "/v1/tenants/" + properties.tenant() + path);
        try {
            var request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(properties.timeoutMs()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PermifyUnavailableException("Permify " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new PermifyUnavailableException("Permify unreachable at " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PermifyUnavailableException("interrupted while calling Permify");
        }
    }

    /** Permify could not be reached or refused a call; the caller retries. */
    public static class PermifyUnavailableException extends RuntimeException {
        public PermifyUnavailableException(String message) {
            super(message);
        }
    }
}

package io.beep.saga.platform.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * A thin typed client of the SpiceDB HTTP endpoints the saga uses: schema write, relationship
 * writes (TOUCH and DELETE, both idempotent) and reads. Remembers the newest ZedToken it was given,
 * for read-your-writes checks elsewhere, and announces every write ({@link RelationshipChanges}).
 */
@Component
public class SpiceDbClient implements PermissionTuples {

    /** SpiceDB accepts at most this many updates in one write. */
    static final int MAX_UPDATES = 1000;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AuthzProperties properties;
    private final AtomicReference<String> latestToken = new AtomicReference<>("");
    private final RelationshipChanges changes;

    public SpiceDbClient(ObjectMapper mapper, AuthzProperties properties, RelationshipChanges changes) {
        this.mapper = mapper;
        this.properties = properties;
        this.changes = changes;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(properties.timeoutMs()))
                .build();
    }

    /** Writes the schema. */
    public void writeSchema(String schema) {
        var written = post("/v1/schema/write", Map.of("schema", schema)).path("writtenAt").path("token").asText();
        changes.announce(ChangeScope.EVERYBODY, written.isEmpty() ? "schema" : written);
    }

    @Override
    public String write(List<Tuple> tuples) {
        return update("OPERATION_TOUCH", tuples, ChangeScope::ofWrite);
    }

    @Override
    public String write(List<Tuple> tuples, ChangeScope within) {
        return update("OPERATION_TOUCH", tuples, batch -> ChangeScope.ofWrite(batch).within(within));
    }

    @Override
    public String delete(List<Tuple> tuples, ChangeScope within) {
        return update("OPERATION_DELETE", tuples, batch -> ChangeScope.ofDelete(batch).within(within));
    }

    @Override
    public ChangeScope membersOf(String serverId) {
        var body = Map.of("consistency", Map.of("fullyConsistent", true),
                "relationshipFilter", Map.of("resourceType", "server", "optionalResourceId", serverId,
                        "optionalRelation", "member"),
                "optionalLimit", ChangeScope.MAX_USERS + 1);
        var members = new HashSet<String>();
        for (var line : postStreaming("/v1/relationships/read", body)) {
            var subject = line.path("result").path("relationship").path("subject");
            if (!subject.isMissingNode()) {
                if (!"user".equals(subject.path("object").path("objectType").asText())
                        || !subject.path("optionalRelation").asText("").isEmpty()) {
                    return ChangeScope.EVERYBODY;
                }
                members.add(subject.path("object").path("objectId").asText());
            }
        }
        return members.size() > ChangeScope.MAX_USERS ? ChangeScope.EVERYBODY
                : new ChangeScope(false, Set.copyOf(members));
    }

    @Override
    public String writeCreated(List<Tuple> tuples) {
        return update("OPERATION_TOUCH", tuples, created -> ChangeScope.NONE);
    }

    @Override
    public String delete(List<Tuple> tuples) {
        return update("OPERATION_DELETE", tuples, ChangeScope::ofDelete);
    }

    private String update(String operation, List<Tuple> tuples, Function<List<Tuple>, ChangeScope> scopeOf) {
        for (int from = 0; from < tuples.size(); from += MAX_UPDATES) {
            var batch = tuples.subList(from, Math.min(tuples.size(), from + MAX_UPDATES));
            var updates = batch.stream()
                    .map(t -> Map.of("operation", operation, "relationship", json(t)))
                    .toList();
            written(post("/v1/relationships/write", Map.of("updates", updates)).path("writtenAt").path("token").asText(),
                    scopeOf.apply(batch));
        }
        return latestToken.get();
    }

    @Override
    public String deleteMatching(TupleFilter filter) {
        return deleteMatching(filter, ChangeScope.EVERYBODY);
    }

    @Override
    public String deleteMatching(TupleFilter filter, ChangeScope within) {
        var relationshipFilter = new LinkedHashMap<String, Object>();
        if (filter.resourceType() != null) {
            relationshipFilter.put("resourceType", filter.resourceType());
        }
        if (filter.resourceId() != null) {
            relationshipFilter.put("optionalResourceId", filter.resourceId());
        }
        if (filter.relation() != null) {
            relationshipFilter.put("optionalRelation", filter.relation());
        }
        if (filter.subjectType() != null) {
            var subject = new LinkedHashMap<String, Object>();
            subject.put("subjectType", filter.subjectType());
            if (filter.subjectId() != null) {
                subject.put("optionalSubjectId", filter.subjectId());
            }
            if (filter.subjectRelation() != null) {
                subject.put("optionalRelation", Map.of("relation", filter.subjectRelation()));
            }
            relationshipFilter.put("optionalSubjectFilter", subject);
        }
        written(post("/v1/relationships/delete", Map.of("relationshipFilter", relationshipFilter))
                .path("deletedAt").path("token").asText(), ChangeScope.ofDeleteMatching(filter).within(within));
        return latestToken.get();
    }

    /** Reads every relationship of one object, fully consistent (drift checks and tests). */
    public List<Tuple> read(String objectType, String objectId) {
        var body = Map.of("consistency", Map.of("fullyConsistent", true),
                "relationshipFilter", Map.of("resourceType", objectType, "optionalResourceId", objectId));
        var result = new ArrayList<Tuple>();
        for (var line : postStreaming("/v1/relationships/read", body)) {
            var r = line.path("result").path("relationship");
            if (r.isMissingNode()) {
                continue;
            }
            var subject = r.path("subject");
            result.add(new Tuple(r.path("resource").path("objectType").asText(),
                    r.path("resource").path("objectId").asText(), r.path("relation").asText(),
                    subject.path("object").path("objectType").asText(), subject.path("object").path("objectId").asText(),
                    subject.path("optionalRelation").asText("")));
        }
        return result;
    }

    /** The newest ZedToken this client was given, or "" before the first write. */
    public String latestToken() {
        return latestToken.get();
    }

    /**
     * Remembers the write's token and announces the change to those whose permissions it may shrink
     * (before the saga step can complete; {@link ChangeScope}).
     */
    private void written(String token, ChangeScope scope) {
        if (token != null && !token.isEmpty()) {
            latestToken.set(token);
        }
        changes.announce(scope, token == null || token.isEmpty() ? "unknown" : token);
    }

    private static Map<String, Object> json(Tuple tuple) {
        var subject = new LinkedHashMap<String, Object>();
        subject.put("object", Map.of("objectType", tuple.subjectType(), "objectId", tuple.subjectId()));
        if (!tuple.subjectRelation().isEmpty()) {
            subject.put("optionalRelation", tuple.subjectRelation());
        }
        return Map.of("resource", Map.of("objectType", tuple.entityType(), "objectId", tuple.entityId()),
                "relation", tuple.relation(), "subject", subject);
    }

    private JsonNode post(String path, Object body) {
        return readTree(send(path, body));
    }

    private List<JsonNode> postStreaming(String path, Object body) {
        var lines = new ArrayList<JsonNode>();
        for (var line : send(path, body).split("\n")) {
            if (!line.isBlank()) {
                lines.add(readTree(line));
            }
        }
        return lines;
    }

    private JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new AuthzUnavailableException("unreadable answer from the authorization server");
        }
    }

    private String send(String path, Object body) {
        var uri = URI.create(properties.url() + path);
        try {
            var request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(properties.timeoutMs()))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + properties.key())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AuthzUnavailableException("SpiceDB " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new AuthzUnavailableException("SpiceDB unreachable at " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthzUnavailableException("interrupted while calling SpiceDB");
        }
    }

    /** The authorization server could not be reached or refused a call; the caller retries. */
    public static class AuthzUnavailableException extends RuntimeException {
        public AuthzUnavailableException(String message) {
            super(message);
        }
    }
}

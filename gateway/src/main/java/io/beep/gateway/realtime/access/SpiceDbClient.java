package io.beep.gateway.realtime.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.realtime.RealtimeProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A thin non-blocking client of the SpiceDB HTTP API (docs/permissions.md §6): bulk checks,
 * LookupResources and ReadRelationships. A {@code null} ZedToken means fully consistent.
 */
public final class SpiceDbClient {

    /** Items per CheckBulkPermissions call (SpiceDB allows 10,000). */
    static final int BULK_LIMIT = 1000;
    private static final String ALLOWED = "PERMISSIONSHIP_HAS_PERMISSION";

    private final WebClient web;
    private final ObjectMapper json;
    private final Duration timeout;

    public SpiceDbClient(WebClient.Builder builder, ObjectMapper json, RealtimeProperties.SpiceDb properties) {
        this.web = builder.clone()
                .baseUrl(properties.url())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.key())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        this.json = json;
        this.timeout = properties.timeout();
    }

    /** Answers every check, in order. Fails when any item cannot be answered. */
    public Mono<List<Boolean>> checkAll(List<Check> checks, String zedToken) {
        if (checks.isEmpty()) {
            return Mono.just(List.of());
        }
        var chunks = new ArrayList<List<Check>>();
        for (int from = 0; from < checks.size(); from += BULK_LIMIT) {
            chunks.add(checks.subList(from, Math.min(checks.size(), from + BULK_LIMIT)));
        }
        return Flux.fromIterable(chunks)
                .concatMap(chunk -> checkChunk(chunk, zedToken))
                .collectList()
                .map(parts -> {
                    var answers = new ArrayList<Boolean>(checks.size());
                    parts.forEach(answers::addAll);
                    return answers;
                });
    }

    private Mono<List<Boolean>> checkChunk(List<Check> chunk, String zedToken) {
        var items = chunk.stream().map(check -> Map.of(
                "resource", object(check.type(), check.id()),
                "permission", check.permission(),
                "subject", Map.of("object", object("user", check.userId())))).toList();
        return post("/v1/permissions/checkbulk", Map.of("consistency", consistency(zedToken), "items", items))
                .map(body -> {
                    var pairs = read(body).path("pairs");
                    if (!pairs.isArray() || pairs.size() != chunk.size()) {
                        throw new AuthorizationUnavailableException("incomplete bulk answer", null);
                    }
                    var answers = new ArrayList<Boolean>(chunk.size());
                    for (var pair : pairs) {
                        if (!pair.has("item")) {
                            throw new AuthorizationUnavailableException("an item could not be checked: "
                                    + pair.path("error").path("message").asText(), null);
                        }
                        answers.add(ALLOWED.equals(pair.path("item").path("permissionship").asText()));
                    }
                    return answers;
                });
    }

    /** The ids of every {@code type} object on which the user has {@code permission}. */
    public Mono<Set<String>> lookupResources(String type, String permission, String userId, String zedToken) {
        var body = Map.of(
                "consistency", consistency(zedToken),
                "resourceObjectType", type,
                "permission", permission,
                "subject", Map.of("object", object("user", userId)));
        return post("/v1/permissions/resources", body).map(text -> {
            var ids = new HashSet<String>();
            for (var line : lines(text)) {
                if (line.has("error")) {
                    throw new AuthorizationUnavailableException("lookup failed: "
                            + line.path("error").path("message").asText(), null);
                }
                var id = line.path("result").path("resourceObjectId").asText(null);
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        });
    }

    /** The ids of every user who has {@code permission} on {@code type:id}. */
    public Mono<Set<String>> lookupSubjects(String type, String id, String permission, String zedToken) {
        var body = Map.of(
                "consistency", consistency(zedToken),
                "resource", object(type, id),
                "permission", permission,
                "subjectObjectType", "user");
        return post("/v1/permissions/subjects", body).map(text -> {
            var ids = new HashSet<String>();
            for (var line : lines(text)) {
                if (line.has("error")) {
                    throw new AuthorizationUnavailableException("lookup failed: "
                            + line.path("error").path("message").asText(), null);
                }
                var subject = line.path("result").path("subject");
                if ("LOOKUP_PERMISSIONSHIP_HAS_PERMISSION".equals(subject.path("permissionship").asText())) {
                    ids.add(subject.path("subjectObjectId").asText());
                }
            }
            return Set.copyOf(ids);
        });
    }

    /**
     * The channel's link: its server ({@code server}) or, for a thread, its parent channel
     * ({@code parent}). Empty for a dm / group channel or an unknown one.
     */
    public Mono<Optional<ChannelLink>> channelLink(String channelId) {
        var body = Map.of(
                "consistency", Map.of("fullyConsistent", true),
                "relationshipFilter", Map.of("resourceType", "channel", "optionalResourceId", channelId));
        return post("/v1/relationships/read", body).map(text -> {
            for (var line : lines(text)) {
                var relationship = line.path("result").path("relationship");
                var relation = relationship.path("relation").asText();
                var subject = relationship.path("subject").path("object").path("objectId").asText(null);
                if (subject != null && ("server".equals(relation) || "parent".equals(relation))) {
                    return Optional.of(new ChannelLink(relation, subject));
                }
            }
            return Optional.empty();
        });
    }

    private Mono<String> post(String path, Object body) {
        return web.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(String.class)
                .defaultIfEmpty("")
                .timeout(timeout)
                .onErrorMap(error -> !(error instanceof AuthorizationUnavailableException),
                        error -> new AuthorizationUnavailableException("SpiceDB " + path + " failed: " + error, error));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new AuthorizationUnavailableException("unreadable answer from SpiceDB", e);
        }
    }

    private List<JsonNode> lines(String text) {
        var nodes = new ArrayList<JsonNode>();
        for (var line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(read(line));
            }
        }
        return nodes;
    }

    private static Map<String, Object> consistency(String zedToken) {
        return zedToken == null || zedToken.isEmpty()
                ? Map.of("fullyConsistent", true)
                : Map.of("atLeastAsFresh", Map.of("token", zedToken));
    }

    private static Map<String, String> object(String type, String id) {
        return Map.of("objectType", type, "objectId", id);
    }
}

package io.beep.contracts.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beep.contracts.authz.AuthzModel.Rel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal client of SpiceDB's HTTP API (the grpc-gateway JSON mapping of authzed.api.v1),
 * written with java.net.http + Jackson only. It mirrors what the services' clients send.
 */
final class SpiceDbHttp {

    /** SpiceDB's default --write-relationships-max-updates-per-call. */
    static final int MAX_UPDATES_PER_WRITE = 1000;

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;

    SpiceDbHttp(HttpClient http, String baseUrl, String bearer) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.bearer = bearer;
    }

    /** Thrown for any non-2xx answer (SpiceDB errors are {code, message, details}). */
    static final class SpiceDbException extends RuntimeException {
        final int status;

        SpiceDbException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    // ---- consistency -------------------------------------------------------------------------

    static ObjectNode fullyConsistent() {
        return JSON.createObjectNode().put("fullyConsistent", true);
    }

    static ObjectNode atLeastAsFresh(String zedToken) {
        ObjectNode c = JSON.createObjectNode();
        c.putObject("atLeastAsFresh").put("token", zedToken);
        return c;
    }

    // ---- schema ------------------------------------------------------------------------------

    /** POST /v1/schema/write {schema} -> {writtenAt: {token}}. */
    String writeSchema(String schema) {
        ObjectNode body = JSON.createObjectNode().put("schema", schema);
        return post("/v1/schema/write", body).path("writtenAt").path("token").asText();
    }

    /** POST /v1/schema/read {} -> {schemaText, readAt: {token}}. */
    String readSchema() {
        return post("/v1/schema/read", JSON.createObjectNode()).path("schemaText").asText();
    }

    // ---- relationships -----------------------------------------------------------------------

    static ObjectNode object(String type, String id) {
        return JSON.createObjectNode().put("objectType", type).put("objectId", id);
    }

    static ObjectNode subject(String type, String id, String relation) {
        ObjectNode s = JSON.createObjectNode();
        s.set("object", object(type, id));
        if (relation != null) {
            s.put("optionalRelation", relation);
        }
        return s;
    }

    static ObjectNode relationship(Rel r) {
        ObjectNode rel = JSON.createObjectNode();
        rel.set("resource", object(r.resourceType(), r.resourceId()));
        rel.put("relation", r.relation());
        rel.set("subject", subject(r.subjectType(), r.subjectId(), r.subjectRelation()));
        return rel;
    }

    /**
     * POST /v1/relationships/write {updates: [{operation, relationship}]} -> {writtenAt: {token}}.
     * operation is OPERATION_TOUCH (idempotent upsert), OPERATION_CREATE (fails if it exists) or
     * OPERATION_DELETE (no-op if absent). One call is atomic; at most 1000 updates per call.
     * Returns the ZedToken of the last call.
     */
    String writeRelationships(List<Rel> rels, String operation) {
        String token = null;
        for (int i = 0; i < rels.size(); i += MAX_UPDATES_PER_WRITE) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode updates = body.putArray("updates");
            for (Rel r : rels.subList(i, Math.min(rels.size(), i + MAX_UPDATES_PER_WRITE))) {
                ObjectNode u = updates.addObject();
                u.put("operation", operation);
                u.set("relationship", relationship(r));
            }
            token = post("/v1/relationships/write", body).path("writtenAt").path("token").asText();
        }
        return token;
    }

    /**
     * POST /v1/relationships/delete {relationshipFilter: {resourceType, optionalResourceId,
     * optionalRelation, optionalSubjectFilter: {subjectType, optionalSubjectId,
     * optionalRelation: {relation}}}, optionalAllowPartialDeletions} -> {deletedAt: {token},
     * deletionProgress, relationshipsDeletedCount}.
     */
    JsonNode deleteRelationships(ObjectNode relationshipFilter) {
        ObjectNode body = JSON.createObjectNode();
        body.set("relationshipFilter", relationshipFilter);
        return post("/v1/relationships/delete", body);
    }

    // ---- checks ------------------------------------------------------------------------------

    /** POST /v1/permissions/check {consistency, resource, permission, subject} -> {checkedAt, permissionship}. */
    boolean check(Rel c, ObjectNode consistency) {
        ObjectNode body = JSON.createObjectNode();
        body.set("consistency", consistency);
        body.set("resource", object(c.resourceType(), c.resourceId()));
        body.put("permission", c.relation());
        body.set("subject", subject(c.subjectType(), c.subjectId(), c.subjectRelation()));
        return hasPermission(post("/v1/permissions/check", body).path("permissionship").asText(), c);
    }

    /**
     * POST /v1/permissions/checkbulk {consistency, items: [{resource, permission, subject}]} ->
     * {checkedAt: {token}, pairs: [{request, item: {permissionship}} | {request, error: {code, message}}]},
     * pairs in request order. At most 10,000 items per call.
     */
    List<Boolean> checkBulk(List<Rel> checks, ObjectNode consistency) {
        ObjectNode body = JSON.createObjectNode();
        body.set("consistency", consistency);
        ArrayNode items = body.putArray("items");
        for (Rel c : checks) {
            ObjectNode item = items.addObject();
            item.set("resource", object(c.resourceType(), c.resourceId()));
            item.put("permission", c.relation());
            item.set("subject", subject(c.subjectType(), c.subjectId(), c.subjectRelation()));
        }
        JsonNode pairs = post("/v1/permissions/checkbulk", body).path("pairs");
        if (pairs.size() != checks.size()) {
            throw new IllegalStateException("checkbulk answered " + pairs.size() + " pairs for " + checks.size());
        }
        List<Boolean> out = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            JsonNode pair = pairs.get(i);
            if (pair.has("error")) {
                throw new SpiceDbException(200, checks.get(i) + ": " + pair.get("error"));
            }
            out.add(hasPermission(pair.path("item").path("permissionship").asText(), checks.get(i)));
        }
        return out;
    }

    private static boolean hasPermission(String permissionship, Rel c) {
        return switch (permissionship) {
            case "PERMISSIONSHIP_HAS_PERMISSION" -> true;
            case "PERMISSIONSHIP_NO_PERMISSION" -> false;
            default -> throw new IllegalStateException(c + ": unexpected permissionship " + permissionship);
        };
    }

    // ---- lookups (server-streaming: one JSON object per line, {result: …} or {error: …}) ----------

    /**
     * POST /v1/permissions/resources {consistency, resourceObjectType, permission, subject} ->
     * lines of {result: {lookedUpAt: {token}, resourceObjectId, permissionship, afterResultCursor}}.
     */
    List<String> lookupResources(String resourceType, String permission, ObjectNode subject,
                                 ObjectNode consistency) {
        ObjectNode body = JSON.createObjectNode();
        body.set("consistency", consistency);
        body.put("resourceObjectType", resourceType);
        body.put("permission", permission);
        body.set("subject", subject);
        List<String> ids = new ArrayList<>();
        for (JsonNode r : postStream("/v1/permissions/resources", body)) {
            expectPermission(r, body);
            ids.add(r.path("resourceObjectId").asText());
        }
        return ids;
    }

    /**
     * POST /v1/permissions/subjects {consistency, resource, permission, subjectObjectType} ->
     * lines of {result: {lookedUpAt: {token}, subject: {subjectObjectId, permissionship}, afterResultCursor}}.
     */
    List<String> lookupSubjects(ObjectNode resource, String permission, String subjectType,
                                ObjectNode consistency) {
        ObjectNode body = JSON.createObjectNode();
        body.set("consistency", consistency);
        body.set("resource", resource);
        body.put("permission", permission);
        body.put("subjectObjectType", subjectType);
        List<String> ids = new ArrayList<>();
        for (JsonNode r : postStream("/v1/permissions/subjects", body)) {
            expectPermission(r.path("subject"), body);
            ids.add(r.path("subject").path("subjectObjectId").asText());
        }
        return ids;
    }

    private static void expectPermission(JsonNode result, JsonNode request) {
        String p = result.path("permissionship").asText();
        if (!p.equals("LOOKUP_PERMISSIONSHIP_HAS_PERMISSION")) {
            throw new IllegalStateException("lookup " + request + " answered permissionship " + p);
        }
    }

    // ---- transport ---------------------------------------------------------------------------

    private HttpRequest request(String path, JsonNode body) {
        try {
            return HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode post(String path, JsonNode body) {
        try {
            HttpResponse<byte[]> resp = http.send(request(path, body), HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() / 100 != 2) {
                throw new SpiceDbException(resp.statusCode(),
                        path + " -> HTTP " + resp.statusCode() + ": " + new String(resp.body()));
            }
            return JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A streaming endpoint: returns the {@code result} of every line, fails on an {@code error} line. */
    List<JsonNode> postStream(String path, JsonNode body) {
        try {
            HttpResponse<InputStream> resp = http.send(request(path, body), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                if (resp.statusCode() / 100 != 2) {
                    throw new SpiceDbException(resp.statusCode(),
                            path + " -> HTTP " + resp.statusCode() + ": " + new String(in.readAllBytes()));
                }
                List<JsonNode> results = new ArrayList<>();
                try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(in)) {
                    while (it.hasNext()) {
                        JsonNode line = it.next();
                        if (line.has("error")) {
                            throw new SpiceDbException(resp.statusCode(), path + " stream error: " + line.get("error"));
                        }
                        results.add(line.path("result"));
                    }
                }
                return results;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

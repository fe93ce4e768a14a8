package io.beep.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Merges service OpenAPI documents into the public one. Operations are merged per path and method
 * (a path served by two services keeps both sets of methods); component entries, tags and
 * operations that clash are taken from the later source. The result has Beep's {@code info}, one
 * server and a global {@code bearerAuth} JWT scheme.
 */
final class OpenApiMerger {

    static final String SECURITY_SCHEME = "bearerAuth";
    private static final String DEFAULT_VERSION = "3.0.1";

    /** One service's document, or {@code null} when it could not be fetched. */
    record Source(String name, JsonNode document) {
    }

    /** Settings of the merged document. */
    record Settings(String title, String version, String serverUrl) {
    }

    private final ObjectMapper json;

    OpenApiMerger(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode merge(List<Source> sources, Settings settings) {
        var paths = new TreeMap<String, ObjectNode>();
        var components = new TreeMap<String, ObjectNode>();
        var tags = new LinkedHashMap<String, JsonNode>();
        var merged = new ArrayList<String>();
        var missing = new ArrayList<String>();
        String openapiVersion = null;
        for (var source : sources) {
            var document = source.document();
            if (document == null || !document.isObject()) {
                missing.add(source.name());
                continue;
            }
            merged.add(source.name());
            if (openapiVersion == null && document.path("openapi").isTextual()) {
                openapiVersion = document.path("openapi").asText();
            }
            document.path("paths").fields().forEachRemaining(path -> {
                if (path.getValue().isObject()) {
                    paths.computeIfAbsent(path.getKey(), key -> json.createObjectNode())
                            .setAll((ObjectNode) path.getValue());
                }
            });
            document.path("components").fields().forEachRemaining(section -> {
                if (section.getValue().isObject()) {
                    components.computeIfAbsent(section.getKey(), key -> json.createObjectNode())
                            .setAll((ObjectNode) section.getValue());
                }
            });
            document.path("tags").forEach(tag -> tags.put(tag.path("name").asText(), tag));
        }

        var root = json.createObjectNode();
        root.put("openapi", openapiVersion == null ? DEFAULT_VERSION : openapiVersion);
        root.putObject("info")
                .put("title", settings.title())
                .put("version", settings.version())
                .put("description", description(merged, missing));
        root.putArray("servers").addObject().put("url", settings.serverUrl());
        root.putArray("security").addObject().putArray(SECURITY_SCHEME);
        if (!tags.isEmpty()) {
            root.putArray("tags").addAll(new ArrayList<>(tags.values()));
        }
        var pathsNode = root.putObject("paths");
        paths.forEach(pathsNode::set);
        var componentsNode = root.putObject("components");
        components.forEach(componentsNode::set);
        var schemes = componentsNode.has("securitySchemes")
                ? (ObjectNode) componentsNode.get("securitySchemes") : componentsNode.putObject("securitySchemes");
        schemes.putObject(SECURITY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "Keycloak access token of realm beep");
        return root;
    }

    private static String description(List<String> merged, List<String> missing) {
        var text = new StringBuilder("The public REST API of Beep, served by the gateway.");
        if (!merged.isEmpty()) {
            text.append(" Merged from: ").append(String.join(", ", merged)).append('.');
        }
        if (!missing.isEmpty()) {
            text.append(" Partial document: unavailable while it was built (their operations are missing): ")
                    .append(String.join(", ", new LinkedHashSet<>(missing))).append('.');
        }
        return text.toString();
    }
}

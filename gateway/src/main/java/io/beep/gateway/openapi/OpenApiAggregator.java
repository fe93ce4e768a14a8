package io.beep.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.gateway.GatewayProperties;
import io.beep.gateway.openapi.OpenApiMerger.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Fetches each source service's OpenAPI document, merges them and keeps the result for
 * {@code beep.gateway.openapi.cache-ttl}. A service that is down or slow is left out (and named in
 * the description) rather than failing the whole document.
 */
@Component
class OpenApiAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(OpenApiAggregator.class);
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final OpenApiMerger merger;
    private final WebClient client;
    private final Mono<byte[]> cached;

    OpenApiAggregator(GatewayProperties properties, ObjectMapper json, WebClient.Builder webClients,
            HttpClient upstreamHttpClient) {
        this.properties = properties;
        this.json = json;
        this.merger = new OpenApiMerger(json);
        var openapi = properties.openapi();
        for (var source : openapi.sources()) {
            if (!properties.backends().containsKey(source)) {
                throw new IllegalStateException("OpenAPI source '" + source + "' is not a configured backend; known: "
                        + properties.backends().keySet());
            }
        }
        this.client = webClients
                .clientConnector(new ReactorClientHttpConnector(upstreamHttpClient.responseTimeout(openapi.fetchTimeout())))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
        this.cached = Mono.defer(this::build).cache(openapi.cacheTtl());
    }

    /** The merged document as JSON bytes. */
    Mono<byte[]> document() {
        return cached;
    }

    private Mono<byte[]> build() {
        var openapi = properties.openapi();
        var settings = new OpenApiMerger.Settings(openapi.title(), openapi.version(), openapi.serverUrl());
        return Flux.fromIterable(openapi.sources())
                .flatMapSequential(this::fetch)
                .collectList()
                .map(sources -> {
                    try {
                        return json.writeValueAsBytes(merger.merge(sources, settings));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private Mono<Source> fetch(String backend) {
        var url = properties.backends().get(backend).toString().replaceAll("/+$", "") + properties.openapi().docsPath();
        return client.get().uri(url).accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(byte[].class)
                .map(bytes -> Optional.of(readTree(bytes)))
                .timeout(properties.openapi().fetchTimeout())
                .onErrorResume(failure -> {
                    LOG.warn("OpenAPI document of {} unavailable: {}", backend, failure.toString());
                    return Mono.just(Optional.empty());
                })
                .defaultIfEmpty(Optional.empty())
                .map(document -> new Source(backend, document.orElse(null)));
    }

    private JsonNode readTree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.beep.gateway.openapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Serves the merged document at {@code /v3/api-docs} (springdoc's own generation is off). */
@Configuration(proxyBeanMethods = false)
class OpenApiRoutes {

    @Bean
    RouterFunction<ServerResponse> openApiDocument(OpenApiAggregator aggregator) {
        return RouterFunctions.route(RequestPredicates.GET("/v3/api-docs"), request -> aggregator.document()
                .flatMap(document -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document)));
    }
}

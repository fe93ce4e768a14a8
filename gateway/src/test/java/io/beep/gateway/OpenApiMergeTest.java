package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class OpenApiMergeTest extends GatewayTestSupport {

    @BeforeAll
    static void serveDocuments() {
        COMMAND.apiDocs = """
                {"openapi":"3.1.0","info":{"title":"command-side","version":"1"},
                 "tags":[{"name":"servers"}],
                 "paths":{"/api/v1/servers":{"post":{"operationId":"createServer","tags":["servers"]}},
                          "/api/v1/servers/{id}":{"patch":{"operationId":"updateServer"}}},
                 "components":{"schemas":{"CreateServerRequest":{"type":"object"},
                                          "ServerView":{"type":"object","description":"from command-side"}}}}
                """;
        QUERY.apiDocs = """
                {"openapi":"3.1.0","info":{"title":"query-side","version":"1"},
                 "tags":[{"name":"servers"},{"name":"messages"}],
                 "paths":{"/api/v1/servers/{id}":{"get":{"operationId":"getServer"}},
                          "/api/v1/channels/{id}/messages":{"get":{"operationId":"listMessages"}}},
                 "components":{"schemas":{"ServerView":{"type":"object","description":"from query-side"},
                                          "MessageView":{"type":"object"}}}}
                """;
        PROJECTIONS.apiDocs = """
                {"openapi":"3.1.0","info":{"title":"projections","version":"1"},
                 "paths":{"/api/v1/admin/projections":{"get":{"operationId":"listProjections"}}},
                 "components":{"schemas":{"ProjectionView":{"type":"object"}}}}
                """;
    }

    @Test
    void mergesPathsAndSchemasOfAllServices() {
        web.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.openapi").isEqualTo("3.1.0")
                .jsonPath("$.info.title").isEqualTo("Beep API")
                .jsonPath("$.info.description").value(description -> assertThat((String) description)
                        .contains("command-side, query-side, projections").doesNotContain("Partial"))
                .jsonPath("$.servers.length()").isEqualTo(1)
                .jsonPath("$.servers[0].url").isEqualTo("http://127.0.0.1:8080")
                .jsonPath("$.paths['/api/v1/servers'].post.operationId").isEqualTo("createServer")
                .jsonPath("$.paths['/api/v1/servers/{id}'].patch.operationId").isEqualTo("updateServer")
                .jsonPath("$.paths['/api/v1/servers/{id}'].get.operationId").isEqualTo("getServer")
                .jsonPath("$.paths['/api/v1/channels/{id}/messages'].get.operationId").isEqualTo("listMessages")
                .jsonPath("$.paths['/api/v1/admin/projections'].get.operationId").isEqualTo("listProjections")
                .jsonPath("$.components.schemas.CreateServerRequest").exists()
                .jsonPath("$.components.schemas.MessageView").exists()
                .jsonPath("$.components.schemas.ProjectionView").exists()
                .jsonPath("$.components.schemas.ServerView.description").isEqualTo("from query-side")
                .jsonPath("$.tags.length()").isEqualTo(2)
                .jsonPath("$.components.securitySchemes.bearerAuth.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.bearerAuth.scheme").isEqualTo("bearer")
                .jsonPath("$.components.securitySchemes.bearerAuth.bearerFormat").isEqualTo("JWT")
                .jsonPath("$.security[0].bearerAuth").isArray();
    }

    @Test
    void reusesTheMergedDocumentForAFewSeconds() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        var fetches = QUERY.apiDocsRequests();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        assertThat(QUERY.apiDocsRequests()).isEqualTo(fetches).isPositive();
    }

    @Test
    void servesSwaggerUiReadingTheMergedDocument() {
        web.get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .expectHeader().valueEquals("Location", "/swagger-ui/index.html");
        web.get().uri("/swagger-ui/index.html").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        web.get().uri("/swagger-ui/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(script -> assertThat(script).contains("/v3/api-docs"));
        web.get().uri("/v3/gateway-api-docs/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
    }
}

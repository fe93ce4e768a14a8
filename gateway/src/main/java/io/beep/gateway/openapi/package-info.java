/**
 * The public API description: {@code GET /v3/api-docs} merges the OpenAPI documents of the command,
 * query and projection services into one (cached briefly, partial when a service is down), and the
 * Swagger UI at {@code /swagger-ui.html} reads it.
 */
package io.beep.gateway.openapi;

/**
 * Bearer-token authentication: Keycloak JWTs checked locally against the realm's JWKS, or (mode
 * {@code introspection}) OAuth2 token introspection with a short positive cache. Public routes
 * skip token checks entirely; every other {@code /api/v1/**} route needs a valid token. Failures
 * are raised as exceptions and answered by {@code io.beep.gateway.problem}.
 */
package io.beep.gateway.security;

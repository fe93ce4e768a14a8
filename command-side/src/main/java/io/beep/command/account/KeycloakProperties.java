package io.beep.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keycloak's base URL and realm, and the confidential client ({@code beep-backend}) whose service
 * account calls the admin API.
 */
@ConfigurationProperties("beep.keycloak")
public record KeycloakProperties(String url, String realm, String clientId, String clientSecret, long timeoutMs) {
}

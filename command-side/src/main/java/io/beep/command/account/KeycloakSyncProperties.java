package io.beep.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The poller of Keycloak's user and admin events: on or off, and how often it asks. */
@ConfigurationProperties("beep.keycloak-sync")
public record KeycloakSyncProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("2000") long intervalMs,
                                     @DefaultValue("100") int pageSize) {
}

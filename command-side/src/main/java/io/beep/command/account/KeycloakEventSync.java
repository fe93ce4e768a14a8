package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.command.platform.schedule.PeriodicJob;
import io.beep.contracts.account.DeleteAccountCommand;
import io.beep.contracts.account.RecordIdentityLinkCommand;
import io.beep.contracts.account.RecordRegistrationCommand;
import io.beep.contracts.account.UpdateProfileCommand;
import io.beep.contracts.common.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings changes made directly in Keycloak into the event store. Realm {@code beep} records user
 * events (REGISTER, UPDATE_PROFILE, DELETE_ACCOUNT: its registration page and account console;
 * FEDERATED_IDENTITY_LINK: account linking with an identity provider) and
 * admin events (CREATE, UPDATE, DELETE of a user: its admin console and admin API); this poller reads
 * both through the admin API (role view-events) from a durable cursor and turns each into the same
 * command a change through Beep would send: {@code UserRegisteredEvent}, {@code ProfileUpdatedEvent}
 * (the whole profile as Keycloak has it now), {@code AccountDeletedEvent} (source {@code keycloak};
 * the account-deletion saga follows), {@code IdentityLinkedEvent} (only while the link still exists in
 * Keycloak: a link already removed again is not recorded after its removal). Admin events caused by Beep's own service account are skipped:
 * Beep recorded those changes itself.
 *
 * <p>Exactly once per Keycloak event: its id is claimed in {@code keycloak_event_seen} in the
 * transaction that appends the command's events, so a redelivered page, an overlapping poll or a
 * second command-side instance changes nothing. A failing event stops its stream where it is; the
 * next poll retries it.
 */
@Component
class KeycloakEventSync extends PeriodicJob {

    static final String USER_STREAM = "user";
    static final String ADMIN_STREAM = "admin";
    private static final Logger log = LoggerFactory.getLogger(KeycloakEventSync.class);
    /** How far before its cursor each poll of a stream reads again. */
    static final long OVERLAP_MS = 120_000;
    private static final Pattern USER_PATH = Pattern.compile("users/([0-9a-fA-F-]{1,64})");

    private final KeycloakUsers keycloak;
    private final KeycloakEventLog eventLog;
    private final AccountFootprint footprint;
    private final AvatarHistory avatars;
    private final TotpSecrets totpSecrets;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final KeycloakSyncProperties properties;
    private volatile String ownServiceAccount;

    KeycloakEventSync(KeycloakUsers keycloak, KeycloakEventLog eventLog, AccountFootprint footprint,
                      AvatarHistory avatars, TotpSecrets totpSecrets, CommandGateway commands,
                      TransactionTemplate transactions, KeycloakSyncProperties properties) {
        super("keycloak-event-sync", Duration.ofMillis(properties.intervalMs()),
                Duration.ofMillis(properties.intervalMs()));
        this.keycloak = keycloak;
        this.eventLog = eventLog;
        this.footprint = footprint;
        this.avatars = avatars;
        this.totpSecrets = totpSecrets;
        this.commands = commands;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Reads and records every new event of both streams; answers how many were recorded. */
    int pollOnce() {
        return poll(USER_STREAM, "/events?type=REGISTER&type=UPDATE_PROFILE&type=DELETE_ACCOUNT"
                + "&type=FEDERATED_IDENTITY_LINK")
                + poll(ADMIN_STREAM, "/admin-events?resourceTypes=USER&operationTypes=CREATE&operationTypes=UPDATE"
                + "&operationTypes=DELETE");
    }

    private int poll(String stream, String query) {
        int recorded = 0;
        // Keycloak takes an event's time before it commits it, so an event can appear after a later
        // one was listed already: every poll reads again from OVERLAP_MS before the cursor (events
        // handled already are skipped by their id) and pages by offset from that fixed start
        long cursor = eventLog.cursor(stream);
        long from = Math.max(0, cursor - OVERLAP_MS);
        for (int first = 0; ; ) {
            var answer = keycloak.admin("GET", query + "&direction=asc&first=" + first + "&max="
                    + properties.pageSize() + "&dateFrom=" + from, null);
            if (answer.statusCode() != 200) {
                throw KeycloakUsers.unavailable("Keycloak events answered " + answer.statusCode());
            }
            var page = keycloak.json(answer.body());
            for (var event : page) {
                var id = event.path("id").asText();
                if (!eventLog.seen(id)) {
                    if (Boolean.TRUE.equals(transactions.execute(status -> eventLog.claim(id, stream)
                            && (USER_STREAM.equals(stream) ? userEvent(event) : adminEvent(event))))) {
                        recorded++;
                    }
                }
                // the cursor only moves forward (GREATEST): the re-read overlap writes nothing
                long time = event.path("time").asLong();
                if (time > cursor) {
                    eventLog.advance(stream, time);
                    cursor = time;
                }
            }
            if (page.size() < properties.pageSize()) {
                return recorded;
            }
            first += page.size();
        }
    }

    private boolean userEvent(JsonNode event) {
        var user = event.path("userId").asText("");
        if (user.isEmpty()) {
            return false;
        }
        return switch (event.path("type").asText()) {
            case "REGISTER" -> registered(UserId.of(user), event.path("details"));
            case "UPDATE_PROFILE" -> profileChanged(UserId.of(user));
            case "DELETE_ACCOUNT" -> deleted(UserId.of(user));
            case "FEDERATED_IDENTITY_LINK" -> linked(UserId.of(user), event.path("details").path("identity_provider").asText(""));
            default -> false;
        };
    }

    private boolean adminEvent(JsonNode event) {
        var path = USER_PATH.matcher(event.path("resourcePath").asText());
        if (!path.matches() || event.path("authDetails").path("userId").asText().equals(ownServiceAccount())) {
            return false;
        }
        var user = UserId.of(path.group(1));
        return switch (event.path("operationType").asText()) {
            case "CREATE" -> registered(user, keycloak.json(event.path("representation").asText("{}")));
            case "UPDATE" -> profileChanged(user);
            case "DELETE" -> deleted(user);
            default -> false;
        };
    }

    private boolean registered(UserId user, JsonNode fallback) {
        if (eventLog.hasHistory(user.value())) {
            return false;
        }
        var current = fetch(user).orElse(fallback);
        commands.sendAndWait(new RecordRegistrationCommand(user, text(current, "username"), text(current, "email"),
                text(current, "firstName"), text(current, "lastName")));
        return true;
    }

    private boolean profileChanged(UserId user) {
        var current = fetch(user);
        if (current.isEmpty()) {
            return false;
        }
        var profile = current.get();
        commands.sendAndWait(new UpdateProfileCommand(user, text(profile, "username"), text(profile, "firstName"),
                text(profile, "lastName"), avatars.currentKey(user)));
        return true;
    }

    private boolean deleted(UserId user) {
        commands.sendAndWait(new DeleteAccountCommand(user, footprint.servers(user), footprint.friendships(user),
                "keycloak"));
        totpSecrets.remove(user);
        return true;
    }

    private boolean linked(UserId user, String provider) {
        if (provider.isEmpty()) {
            return false;
        }
        var answer = keycloak.admin("GET", "/users/" + URLEncoder.encode(user.value(), StandardCharsets.UTF_8)
                + "/federated-identity", null);
        if (answer.statusCode() == 404) {
            return false;
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("identity lookup answered " + answer.statusCode());
        }
        for (var link : keycloak.json(answer.body())) {
            if (provider.equals(link.path("identityProvider").asText())) {
                commands.sendAndWait(new RecordIdentityLinkCommand(user, provider, text(link, "userId"),
                        text(link, "userName")));
                return true;
            }
        }
        return false;
    }

    private Optional<JsonNode> fetch(UserId user) {
        var answer = keycloak.admin("GET", "/users/" + URLEncoder.encode(user.value(), StandardCharsets.UTF_8), null);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw KeycloakUsers.unavailable("user lookup answered " + answer.statusCode());
        }
        return Optional.of(keycloak.json(answer.body()));
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private String ownServiceAccount() {
        if (ownServiceAccount == null) {
            ownServiceAccount = keycloak.serviceAccountUserId();
        }
        return ownServiceAccount;
    }

    @Override
    protected void runOnce() {
        try {
            int recorded = pollOnce();
            if (recorded > 0) {
                log.info("recorded {} change(s) made directly in Keycloak", recorded);
            }
        } catch (RuntimeException e) {
            log.warn("Keycloak event sync: {} (retried at the next poll)", e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        if (properties.enabled()) {
            super.start();
        }
    }
}

package io.beep.command.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Require;
import io.beep.contracts.account.AvatarUploadView;
import io.beep.contracts.account.IdentityView;
import io.beep.contracts.account.OwnProfileView;
import io.beep.contracts.account.RecordEmailChangeCommand;
import io.beep.contracts.account.RecordIdentityUnlinkCommand;
import io.beep.contracts.account.RecordPasswordChangeCommand;
import io.beep.contracts.account.UpdateProfileCommand;
import io.beep.contracts.account.UserProfileView;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Page;
import io.beep.contracts.common.UserId;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profiles, e-mail and password changes, linked identities. Keycloak is the source of truth: every
 * change is applied there first, then recorded as an event of the account (undone in Keycloak if the
 * event cannot be recorded); reads come from Keycloak, the avatar key from the account's events.
 * Every route acts on the caller only ({@code @me}); other users are readable through their public
 * profile alone.
 */
@RestController
class ProfileController {

    private static final Set<String> PATCHABLE = Set.of("firstName", "lastName", "username", "avatar");

    private final KeycloakAccounts keycloak;
    private final KeycloakUsers users;
    private final AvatarStore avatars;
    private final AvatarHistory avatarHistory;
    private final EmailChangeLinks links;
    private final EmailChangeMailer mailer;
    private final CommandGateway commands;
    private final EventPositions positions;

    ProfileController(KeycloakAccounts keycloak, KeycloakUsers users, AvatarStore avatars, AvatarHistory avatarHistory,
                      EmailChangeLinks links, EmailChangeMailer mailer, CommandGateway commands, EventPositions positions) {
        this.keycloak = keycloak;
        this.users = users;
        this.avatars = avatars;
        this.avatarHistory = avatarHistory;
        this.links = links;
        this.mailer = mailer;
        this.commands = commands;
        this.positions = positions;
    }

    @Operation(summary = "My profile, with my e-mail address and whether TOTP is enabled (read from Keycloak).")
    @GetMapping("/api/v1/users/@me")
    OwnProfileView me() {
        var me = CurrentUser.id();
        return own(me, keycloak.user(me));
    }

    @Operation(summary = "A user's public profile: id, username, names, avatar URL (short-lived). 404 when unknown.")
    @GetMapping("/api/v1/users/{userId}")
    UserProfileView user(@PathVariable String userId) {
        CurrentUser.id();
        var id = UserId.of(userId);
        return publicView(id, keycloak.user(id));
    }

    @Operation(summary = "Find users by exact username (case-insensitive): a list of zero or one user.")
    @GetMapping("/api/v1/users")
    Page<UserProfileView> byUsername(@RequestParam(required = false) String username) {
        CurrentUser.id();
        if (username == null || username.isBlank()) {
            throw DomainException.invalid("username is required");
        }
        var items = new ArrayList<UserProfileView>();
        users.findIdByUsername(username.strip()).flatMap(keycloak::find)
                .ifPresent(found -> items.add(publicView(UserId.of(found.path("id").asText()), found)));
        return Page.of(items, null);
    }

    @Operation(summary = "Change my first name, last name, username (unique: 409 ALREADY_EXISTS) or avatar.",
            description = "avatar: a key returned by POST /users/@me/avatar after its upload, or null to remove it. "
                    + "Accounts of the LDAP directory keep the directory's names and username (409 CONFLICT).")
    @PatchMapping("/api/v1/users/@me")
    ResponseEntity<OwnProfileView> patch(@RequestBody JsonNode body) {
        var me = CurrentUser.id();
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw DomainException.invalid("a JSON object with firstName, lastName, username or avatar is required");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!PATCHABLE.contains(field)) {
                throw DomainException.invalid("unknown field " + field + "; allowed: firstName, lastName, username, avatar");
            }
        });
        var before = keycloak.user(me);
        var after = before.deepCopy();
        boolean namesChange = false;
        if (body.has("firstName")) {
            after.put("firstName", name("firstName", body.get("firstName")));
            namesChange = true;
        }
        if (body.has("lastName")) {
            after.put("lastName", name("lastName", body.get("lastName")));
            namesChange = true;
        }
        if (body.has("username")) {
            var username = text("username", body.get("username")).toLowerCase(Locale.ROOT);
            if (!Registration.USERNAME.matcher(username).matches()) {
                throw DomainException.invalid("username must be 2 to 32 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
            }
            after.put("username", username);
            namesChange = true;
        }
        var avatarKey = avatarHistory.currentKey(me);
        if (body.has("avatar")) {
            var avatar = body.get("avatar");
            avatarKey = avatar.isNull() ? null : avatars.requireUploaded(me, text("avatar", avatar));
        }
        if (namesChange && before.hasNonNull("federationLink") && !before.equals(after)) {
            throw KeycloakAccounts.conflict("the names and username of a directory (LDAP) account are managed by the directory");
        }
        if (!before.equals(after)) {
            keycloak.update(me, after);
        }
        try {
            commands.sendAndWait(new UpdateProfileCommand(me, after.path("username").asText(),
                    after.path("firstName").asText(null), after.path("lastName").asText(null), avatarKey));
        } catch (RuntimeException e) {
            if (!before.equals(after)) {
                keycloak.update(me, before);
            }
            throw e;
        }
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(positions.latestOf(me.value())))
                .body(own(me, after, avatarKey));
    }

    @Operation(summary = "Get a presigned PUT for a new avatar (at most 8 MiB; png, jpeg, gif or webp: 413 / 415).",
            description = "Body {size, contentType}. Upload the raw bytes with that Content-Type, then PATCH /users/@me "
                    + "{\"avatar\": key}: the object's size and type are checked again then.")
    @PostMapping("/api/v1/users/@me/avatar")
    ResponseEntity<AvatarUploadView> avatarUpload(@RequestBody JsonNode body) {
        var me = CurrentUser.id();
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("a JSON object {size, contentType} is required");
        }
        var size = body.path("size");
        if (!size.isIntegralNumber()) {
            throw DomainException.invalid("size must be a whole number of bytes");
        }
        var type = body.path("contentType");
        if (!type.isTextual()) {
            throw DomainException.invalid("contentType is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(avatars.presignUpload(me, size.asLong(), type.asText()));
    }

    @Operation(summary = "Change my e-mail address: a link is mailed to the new address; the old one stays until it is followed.",
            description = "202 with the pending address. A taken address is 409 ALREADY_EXISTS.")
    @PutMapping("/api/v1/users/@me/email")
    ResponseEntity<PendingEmailChange> changeEmail(@RequestBody JsonNode body) {
        var me = CurrentUser.id();
        var email = text("email", body == null ? null : body.get("email")).toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !Registration.EMAIL.matcher(email).matches()) {
            throw DomainException.invalid("email must be an e-mail address");
        }
        var user = keycloak.user(me);
        var current = user.path("email").asText("");
        if (current.equalsIgnoreCase(email)) {
            throw DomainException.invalid("this is already the account's e-mail address");
        }
        if (keycloak.emailOwner(email).filter(owner -> !owner.equals(me.value())).isPresent()) {
            throw AccountController.taken();
        }
        var change = links.pending(me, current, email);
        mailer.send(email, user.path("username").asText(), links.link(change));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new PendingEmailChange(email, change.expiresAt()));
    }

    @Operation(summary = "Follow the link of an e-mail change mail (no token needed): the new address takes effect, verified.",
            description = "An expired, forged or superseded link is 400 VALIDATION_FAILED; a since-taken address 409.")
    @GetMapping("/api/v1/auth/email-change/confirm")
    ResponseEntity<ConfirmedEmailChange> confirmEmail(@RequestParam(required = false) String token) {
        var change = links.verify(token);
        var before = keycloak.find(change.userId())
                .orElseThrow(() -> DomainException.invalid("the account of this link no longer exists"));
        var current = before.path("email").asText("");
        if (current.equalsIgnoreCase(change.newEmail())) {
            return ResponseEntity.ok(new ConfirmedEmailChange(change.newEmail()));
        }
        if (!current.equalsIgnoreCase(change.oldEmail())) {
            throw DomainException.invalid("this link was superseded by another e-mail change");
        }
        var after = before.deepCopy();
        after.put("email", change.newEmail());
        after.put("emailVerified", true);
        keycloak.update(change.userId(), after);
        try {
            commands.sendAndWait(new RecordEmailChangeCommand(change.userId(), change.newEmail()));
        } catch (RuntimeException e) {
            keycloak.update(change.userId(), before);
            throw e;
        }
        return ResponseEntity.ok()
                .header(Consistency.HEADER, Long.toString(positions.latestOf(change.userId().value())))
                .body(new ConfirmedEmailChange(change.newEmail()));
    }

    @Operation(summary = "Change my password: the current one is checked with Keycloak (wrong: 403 INVALID_CURRENT_PASSWORD).",
            description = "The new one must be 8 to 128 characters and meet the realm's policy (400 VALIDATION_FAILED).")
    @PutMapping("/api/v1/users/@me/password")
    ResponseEntity<Void> changePassword(@RequestBody JsonNode body) {
        var me = CurrentUser.id();
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("a JSON object {currentPassword, newPassword} is required");
        }
        var current = body.path("currentPassword");
        var next = body.path("newPassword");
        if (!current.isTextual() || current.asText().isEmpty()) {
            throw DomainException.invalid("currentPassword is required");
        }
        if (!next.isTextual() || next.asText().length() < Registration.MIN_PASSWORD
                || next.asText().length() > Registration.MAX_PASSWORD) {
            throw DomainException.invalid("newPassword must be " + Registration.MIN_PASSWORD + " to "
                    + Registration.MAX_PASSWORD + " characters");
        }
        var user = keycloak.user(me);
        if (!keycloak.credentialTypes(me).contains("password") && !user.hasNonNull("federationLink")) {
            throw KeycloakAccounts.conflict("this account signs in through an identity provider and has no password");
        }
        if (user.hasNonNull("federationLink")) {
            throw KeycloakAccounts.conflict("the password of a directory (LDAP) account is managed by the directory");
        }
        if (!keycloak.passwordMatches(user.path("username").asText(), current.asText())) {
            throw new DomainException(ErrorCode.INVALID_CURRENT_PASSWORD, "the current password is wrong");
        }
        keycloak.resetPassword(me, next.asText());
        commands.sendAndWait(new RecordPasswordChangeCommand(me));
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(positions.latestOf(me.value()))).build();
    }

    @Operation(summary = "My linked sign-in identities: identity providers (e.g. google) and the LDAP directory.")
    @GetMapping("/api/v1/users/@me/identities")
    Page<IdentityView> identities() {
        var me = CurrentUser.id();
        var user = keycloak.user(me);
        var items = new ArrayList<IdentityView>();
        for (var link : keycloak.federatedIdentities(me)) {
            items.add(new IdentityView(link.path("identityProvider").asText(), "identity-provider",
                    link.path("userId").asText(null), link.path("userName").asText(null)));
        }
        if (user.hasNonNull("federationLink")) {
            items.add(new IdentityView(keycloak.componentName(user.path("federationLink").asText()), "ldap",
                    firstAttribute(user, "LDAP_ID"), user.path("username").asText()));
        }
        return Page.of(items, null);
    }

    @Operation(summary = "Unlink an identity provider from my account (404 when not linked).",
            description = "409 CONFLICT when it is the only way to sign in (no password) or the LDAP directory itself.")
    @DeleteMapping("/api/v1/users/@me/identities/{provider}")
    ResponseEntity<Void> unlink(@PathVariable String provider) {
        var me = CurrentUser.id();
        var user = keycloak.user(me);
        var linked = new ArrayList<String>();
        keycloak.federatedIdentities(me).forEach(link -> linked.add(link.path("identityProvider").asText()));
        if (!linked.contains(provider)) {
            if (user.hasNonNull("federationLink")
                    && provider.equals(keycloak.componentName(user.path("federationLink").asText()))) {
                throw KeycloakAccounts.conflict("a directory (LDAP) account cannot be unlinked from its directory");
            }
            throw DomainException.notFound("linked identity");
        }
        boolean hasPassword = keycloak.credentialTypes(me).contains("password") || user.hasNonNull("federationLink");
        if (!hasPassword && linked.size() == 1) {
            throw KeycloakAccounts.conflict("this is the only way to sign in to the account; set a password first");
        }
        if (!keycloak.unlink(me, provider)) {
            throw DomainException.notFound("linked identity");
        }
        commands.sendAndWait(new RecordIdentityUnlinkCommand(me, provider));
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(positions.latestOf(me.value()))).build();
    }

    private OwnProfileView own(UserId me, ObjectNode user) {
        return own(me, user, avatarHistory.currentKey(me));
    }

    private OwnProfileView own(UserId me, ObjectNode user, String avatarKey) {
        boolean totp = keycloak.credentialTypes(me).contains("otp");
        return new OwnProfileView(me.value(), user.path("username").asText(), user.path("firstName").asText(null),
                user.path("lastName").asText(null), avatars.downloadUrl(avatarKey), user.path("email").asText(null),
                user.path("emailVerified").asBoolean(false), totp);
    }

    private UserProfileView publicView(UserId id, ObjectNode user) {
        return new UserProfileView(id.value(), user.path("username").asText(), user.path("firstName").asText(null),
                user.path("lastName").asText(null), avatars.downloadUrl(avatarHistory.currentKey(id)));
    }

    private static String firstAttribute(ObjectNode user, String name) {
        var values = user.path("attributes").path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
    }

    private static String text(String field, JsonNode value) {
        if (value == null || value.getNodeType() != JsonNodeType.STRING || value.asText().isBlank()) {
            throw DomainException.invalid(field + " must be a non-empty string");
        }
        return value.asText().strip();
    }

    /**
     * A first or last name: besides its length, no control characters or unpaired surrogates (Keycloak
     * stores those, then refuses every sign-in of the account as "not fully set up").
     */
    private static String name(String field, JsonNode value) {
        var name = text(field, value);
        if (name.length() > Registration.MAX_NAME) {
            throw DomainException.invalid(field + " must be at most " + Registration.MAX_NAME + " characters");
        }
        return Require.name(field, name, Registration.MAX_NAME);
    }

    /** Answer of {@code PUT /users/@me/email}: the address waiting for verification. */
    record PendingEmailChange(String pendingEmail, Instant linkExpiresAt) {
    }

    /** Answer of a followed e-mail change link. */
    record ConfirmedEmailChange(String email) {
    }
}

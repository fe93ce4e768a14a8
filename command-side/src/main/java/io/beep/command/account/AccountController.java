package io.beep.command.account;

import io.beep.command.platform.axon.EventPositions;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.account.RecordRegistrationCommand;
import io.beep.contracts.account.UserView;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.UserId;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-up. The Keycloak user is created unverified with the VERIFY_EMAIL required action, so it
 * cannot sign in until the link of the verification mail is followed; then the registration is
 * recorded as {@code UserRegisteredEvent}. If recording fails, the Keycloak user is removed again:
 * no half-registered account.
 */
@RestController
class AccountController {

    private static final Logger log = LoggerFactory.getLogger(AccountController.class);

    private final KeycloakUsers keycloak;
    private final CommandGateway commands;
    private final EventPositions positions;

    AccountController(KeycloakUsers keycloak, CommandGateway commands, EventPositions positions) {
        this.keycloak = keycloak;
        this.commands = commands;
        this.positions = positions;
    }

    @Operation(summary = "Sign up (no token needed). The account can sign in once its e-mail is verified.",
            description = "A verification mail is sent. 409 ALREADY_EXISTS when the username or e-mail is taken.")
    @PostMapping("/api/v1/auth/register")
    ResponseEntity<UserView> register(@RequestBody Registration.RegisterRequest request) {
        var registration = Registration.validate(request);
        var userId = keycloak.create(registration.keycloakUser());
        try {
            commands.sendAndWait(new RecordRegistrationCommand(userId, registration.username(), registration.email(),
                    registration.firstName(), registration.lastName()));
        } catch (RuntimeException e) {
            keycloak.delete(userId);
            throw e;
        }
        if (!keycloak.sendVerifyEmail(userId)) {
            log.warn("verification mail for a new account could not be sent; it can be requested again");
        }
        var view = new UserView(userId.value(), registration.username(), registration.firstName(),
                registration.lastName(), null, registration.email(), false);
        return ResponseEntity.created(URI.create("/api/v1/users/" + userId.value()))
                .header(Consistency.HEADER, Long.toString(positions.latestOf(userId.value())))
                .body(view);
    }

    static DomainException taken() {
        return new DomainException(ErrorCode.ALREADY_EXISTS, "username or e-mail is already taken");
    }
}

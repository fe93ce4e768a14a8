package io.beep.command.account;

import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.web.CurrentUser;
import io.beep.contracts.account.DisableTotpCommand;
import io.beep.contracts.account.EnableTotpCommand;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.UserId;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two-factor sign-in with a time-based one-time password, on the caller's own account only. The
 * set-up secret is generated and kept here (never taken from the client); confirming it with a
 * correct code creates the OTP credential in Keycloak, which from then on asks for a code at every
 * sign-in (browser and direct grant, parameter {@code totp}). Disabling needs a current code.
 */
@RestController
class TotpController {

    static final String ISSUER = "Beep";

    private final TotpSecrets secrets;
    private final KeycloakOtp otp;
    private final CommandGateway commands;
    private final EventPositions positions;
    private final Clock clock;

    TotpController(TotpSecrets secrets, KeycloakOtp otp, CommandGateway commands, EventPositions positions) {
        this.secrets = secrets;
        this.otp = otp;
        this.commands = commands;
        this.positions = positions;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "Start setting up two-factor sign-in: a new secret and its otpauth:// URI.",
            description = "Replaces an unconfirmed set-up. 409 ALREADY_EXISTS when two-factor sign-in is on.")
    @PostMapping("/api/v1/users/@me/totp")
    TotpSetup setUp() {
        var user = CurrentUser.id();
        if (otp.credentialId(user).isPresent()) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "two-factor sign-in is already on");
        }
        var secret = Totp.newSecret();
        secrets.savePending(user, secret);
        var base32 = Totp.base32(secret);
        var label = URLEncoder.encode(ISSUER + ":" + username(user), StandardCharsets.UTF_8).replace("+", "%20");
        var uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER + "&algorithm=SHA1&digits="
                + Totp.DIGITS + "&period=" + Totp.PERIOD_SECONDS;
        return new TotpSetup(base32, uri);
    }

    @Operation(summary = "Confirm the set-up with a code from the authenticator: two-factor sign-in is on.",
            description = "400 INVALID_TOTP_CODE for a wrong code; 409 CONFLICT without a set-up in progress; "
                    + "409 ALREADY_EXISTS when it is on already.")
    @PostMapping("/api/v1/users/@me/totp/confirm")
    ResponseEntity<Void> confirm(@RequestBody CodeRequest request) {
        var user = CurrentUser.id();
        var code = code(request);
        var pending = secrets.find(user).filter(s -> s.credentialId() == null)
                .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "no two-factor set-up in progress"));
        if (otp.credentialId(user).isPresent()) {
            throw new DomainException(ErrorCode.ALREADY_EXISTS, "two-factor sign-in is already on");
        }
        if (!Totp.verify(pending.secret(), code, clock.instant())) {
            throw new DomainException(ErrorCode.INVALID_TOTP_CODE, "the code is not valid now");
        }
        var credentialId = otp.create(user, pending.secret());
        try {
            commands.sendAndWait(new EnableTotpCommand(user, credentialId));
        } catch (RuntimeException e) {
            otp.remove(user, credentialId);
            throw e;
        }
        secrets.activate(user, credentialId);
        return noContent(user);
    }

    @Operation(summary = "Turn two-factor sign-in off; a current code is required.",
            description = "400 INVALID_TOTP_CODE for a wrong code; 409 CONFLICT when it is off, or when it was "
                    + "set up in Keycloak's own account console (remove it there).")
    @DeleteMapping("/api/v1/users/@me/totp")
    ResponseEntity<Void> disable(@RequestBody CodeRequest request) {
        var user = CurrentUser.id();
        var code = code(request);
        var credentialId = otp.credentialId(user)
                .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT, "two-factor sign-in is off"));
        var active = secrets.find(user).filter(s -> credentialId.equals(s.credentialId()))
                .orElseThrow(() -> new DomainException(ErrorCode.CONFLICT,
                        "two-factor sign-in was set up in Keycloak's account console; remove it there"));
        if (!Totp.verify(active.secret(), code, clock.instant())) {
            throw new DomainException(ErrorCode.INVALID_TOTP_CODE, "the code is not valid now");
        }
        otp.remove(user, credentialId);
        commands.sendAndWait(new DisableTotpCommand(user, credentialId));
        secrets.remove(user);
        return noContent(user);
    }

    private ResponseEntity<Void> noContent(UserId user) {
        return ResponseEntity.noContent()
                .header(Consistency.HEADER, Long.toString(positions.latestOf(user.value())))
                .build();
    }

    private static String code(CodeRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            throw DomainException.invalid("code is required");
        }
        var code = request.code().strip();
        if (code.length() != Totp.DIGITS || !code.chars().allMatch(Character::isDigit)) {
            throw DomainException.invalid("code must be " + Totp.DIGITS + " digits");
        }
        return code;
    }

    private static String username(UserId user) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt && jwt.getClaimAsString("preferred_username") != null) {
            return jwt.getClaimAsString("preferred_username");
        }
        return user.value();
    }

    /** Answer of the set-up: the Base32 secret and the URI for a QR code. */
    record TotpSetup(String secret, String otpauthUri) {
    }

    /** Body of confirm and disable. */
    record CodeRequest(String code) {
    }
}

package io.beep.command.account;

import io.beep.command.platform.web.Require;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules of a sign-up body; each failure is a VALIDATION_FAILED naming the field. */
record Registration(String email, String username, String password, String firstName, String lastName) {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    /** No blanks, control characters or unpaired surrogates: Keycloak fails (500) on those instead of refusing. */
    static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{Cntrl}\\p{Cs}]{1,64}@[^@\\s\\p{Cntrl}\\p{Cs}]+\\.[^@\\s\\p{Cntrl}\\p{Cs}]+");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    static final int MAX_NAME = 64;

    static Registration validate(RegisterRequest request) {
        if (request == null) {
            throw DomainException.invalid("a body is required");
        }
        var email = required("email", request.email()).toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw DomainException.invalid("email must be an e-mail address");
        }
        var username = required("username", request.username()).toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            throw DomainException.invalid("username must be 2 to 32 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        var password = request.password();
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw DomainException.invalid("password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return new Registration(email, username, password, name("firstName", request.firstName()),
                name("lastName", request.lastName()));
    }

    /** The Keycloak user representation: unverified, with the VERIFY_EMAIL required action. */
    Map<String, Object> keycloakUser() {
        return Map.of("username", username, "email", email, "firstName", firstName, "lastName", lastName,
                "enabled", true, "emailVerified", false, "requiredActions", List.of("VERIFY_EMAIL"),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " is required");
        }
        return value.strip();
    }

    private static String name(String field, String value) {
        var name = required(field, value);
        if (name.length() > MAX_NAME) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, field + " must be at most " + MAX_NAME + " characters");
        }
        return Require.name(field, name, MAX_NAME);
    }

    /** Body of {@code POST /auth/register}. */
    record RegisterRequest(String email, String username, String password, String firstName, String lastName) {
    }
}

package io.beep.command.moderation;

import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.ErrorCode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The Keycloak realm roles of the caller ({@code realm_access.roles} of the token). These are global,
 * not per server, so they are checked here and never in SpiceDB; {@value #APP_ADMIN} may do everything.
 */
final class GlobalRoles {

    static final String USER_MODERATOR = "user-moderator";
    static final String SERVER_MODERATOR = "server-moderator";
    static final String APP_ADMIN = "app-admin";

    private GlobalRoles() {
    }

    /** Passes when the caller holds one of the roles or app-admin; 403 FORBIDDEN otherwise. */
    static void require(String... roles) {
        var held = held();
        if (held.contains(APP_ADMIN) || Arrays.stream(roles).anyMatch(held::contains)) {
            return;
        }
        throw new DomainException(ErrorCode.FORBIDDEN, "needs the realm role " + String.join(" or ", roles)
                + " (or " + APP_ADMIN + ")");
    }

    private static Collection<?> held() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt
                && jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles) {
            return roles;
        }
        return java.util.List.of();
    }
}

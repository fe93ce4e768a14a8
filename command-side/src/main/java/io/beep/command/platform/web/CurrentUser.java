package io.beep.command.platform.web;

import io.beep.contracts.common.DomainException;

import io.beep.contracts.common.UserId;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The signed-in user of the current request, from the validated token's subject. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static UserId id() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Jwt jwt && jwt.getSubject() != null) {
            return UserId.of(jwt.getSubject());
        }
        throw new DomainException(io.beep.contracts.common.ErrorCode.UNAUTHENTICATED, "not signed in");
    }
}

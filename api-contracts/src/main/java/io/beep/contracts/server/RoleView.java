package io.beep.contracts.server;

import java.util.List;

/** A role as clients see it; {@code permissions} are permission names, {@code everyone} marks the everyone role. */
public record RoleView(String id, String name, List<String> permissions, boolean everyone) {
}

package io.beep.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns any event that names a server ({@code serverId}) into an audit entry, by convention rather than
 * by a list of types, so server events added later are audited too. Message events are left out (they
 * are content, not administration). The actor is the event's {@code ...By} field when it has one, else
 * {@code ownerId} (creation), else {@code userId} (a member acting on their own membership). The target is
 * the first of {@code userId}, {@code channelId}, {@code roleId}, {@code serverId}.
 */
final class AuditEntries {

    private static final String MESSAGE_EVENTS = "io.beep.contracts.message.";
    private static final List<String> TARGETS = List.of("userId", "channelId", "roleId", "serverId");
    private static final List<String> LEFT_OUT = List.of("serverId", "memberIds");

    private AuditEntries() {
    }

    static Optional<AuditEntry> of(Object payload, ObjectMapper mapper) {
        if (payload == null || payload.getClass().getName().startsWith(MESSAGE_EVENTS)) {
            return Optional.empty();
        }
        JsonNode tree = mapper.valueToTree(payload);
        if (!(tree instanceof ObjectNode fields) || !fields.path("serverId").isTextual()) {
            return Optional.empty();
        }
        long serverId;
        try {
            serverId = Long.parseLong(fields.path("serverId").asText());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        var actorField = actorField(fields);
        var targetField = TARGETS.stream().filter(f -> fields.path(f).isTextual()).findFirst().orElse(null);
        var details = fields.deepCopy();
        LEFT_OUT.forEach(details::remove);
        if (actorField != null) {
            details.remove(actorField);
        }
        if (targetField != null) {
            details.remove(targetField);
        }
        var timestamps = new ArrayList<String>();
        details.fieldNames().forEachRemaining(name -> {
            if (name.endsWith("At")) {
                timestamps.add(name);
            }
        });
        timestamps.forEach(details::remove);
        return Optional.of(new AuditEntry(serverId, action(payload.getClass().getSimpleName()),
                actorField == null ? null : fields.path(actorField).asText(),
                targetField == null ? null : fields.path(targetField).asText(), details.toString()));
    }

    private static String actorField(ObjectNode fields) {
        var names = new ArrayList<String>();
        fields.fieldNames().forEachRemaining(names::add);
        for (var name : names) {
            if (name.endsWith("By") && fields.path(name).isTextual()) {
                return name;
            }
        }
        for (var name : List.of("ownerId", "userId")) {
            if (fields.path(name).isTextual()) {
                return name;
            }
        }
        return null;
    }

    /** {@code MemberKickedEvent} → {@code member_kicked}. */
    static String action(String simpleName) {
        var name = simpleName.endsWith("Event") ? simpleName.substring(0, simpleName.length() - 5) : simpleName;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}

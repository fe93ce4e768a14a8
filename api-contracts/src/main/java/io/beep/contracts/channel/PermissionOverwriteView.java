package io.beep.contracts.channel;

import java.util.List;

/** One permission overwrite of a channel: a role or a member, and the permissions it allows and denies. */
public record PermissionOverwriteView(String targetId, String targetType, List<String> allow, List<String> deny) {
}

package io.beep.contracts.common;

import java.util.EnumSet;
import java.util.Set;

/** The thirteen server permissions. {@link #ADMINISTRATOR} implies every other one. */
public enum Permission {
    ADMINISTRATOR,
    MANAGE_SERVER,
    MANAGE_ROLES,
    MANAGE_CHANNELS,
    VIEW_CHANNELS,
    MANAGE_WEBHOOKS,
    MANAGE_NICKNAMES,
    CHANGE_NICKNAME,
    SEND_MESSAGES,
    MANAGE_MESSAGES,
    ATTACH_FILES,
    MANAGE_MEMBERS,
    MANAGE_INVITES;

    /** What a new server's everyone role may do. */
    public static Set<Permission> everyoneDefaults() {
        return EnumSet.of(VIEW_CHANNELS, SEND_MESSAGES, ATTACH_FILES, CHANGE_NICKNAME);
    }

    /** The seven permissions a channel overwrite may allow or deny. */
    public static Set<Permission> overwritable() {
        return EnumSet.of(VIEW_CHANNELS, SEND_MESSAGES, ATTACH_FILES, MANAGE_MESSAGES, MANAGE_CHANNELS,
                MANAGE_WEBHOOKS, MANAGE_ROLES);
    }
}

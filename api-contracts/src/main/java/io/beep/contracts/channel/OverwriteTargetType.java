package io.beep.contracts.channel;

/** Whom a channel permission overwrite names: a role of the channel's server or one member. */
public enum OverwriteTargetType {
    ROLE,
    MEMBER
}

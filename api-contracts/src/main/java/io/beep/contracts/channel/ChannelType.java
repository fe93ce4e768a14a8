package io.beep.contracts.channel;

/** The kinds of channel. DM and group channels live outside servers. */
public enum ChannelType {
    TEXT,
    CONFERENCE,
    CATEGORY,
    THREAD,
    DM,
    GROUP;

    /** Whether the type belongs to a server. */
    public boolean inServer() {
        return this != DM && this != GROUP;
    }

    /** Whether messages can be posted in channels of this type. */
    public boolean carriesMessages() {
        return this != CATEGORY && this != CONFERENCE;
    }
}

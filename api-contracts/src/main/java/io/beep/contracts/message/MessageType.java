package io.beep.contracts.message;

/** A message written by a person, or one the system posts about something that happened. */
public enum MessageType {
    DEFAULT,
    MEMBER_JOINED,
    MESSAGE_PINNED,
    THREAD_CREATED,
    CONFERENCE_CREATED
}

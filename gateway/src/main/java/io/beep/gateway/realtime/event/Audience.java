package io.beep.gateway.realtime.event;

/** Who receives a dispatch: every connected user it selects (and who may see it). */
public sealed interface Audience permits ChannelViewers, ServerMembers, UserList {
}

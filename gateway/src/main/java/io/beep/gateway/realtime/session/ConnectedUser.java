package io.beep.gateway.realtime.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A user with at least one live or resumable session, and the servers they are a member of. */
final class ConnectedUser {

    final String id;
    final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    final Set<String> servers = ConcurrentHashMap.newKeySet();

    ConnectedUser(String id) {
        this.id = id;
    }
}

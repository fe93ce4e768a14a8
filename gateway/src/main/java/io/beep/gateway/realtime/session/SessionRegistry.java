package io.beep.gateway.realtime.session;

import io.beep.gateway.realtime.protocol.CloseCodes;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This instance's sessions, indexed by id, by user, and users by the servers they belong to.
 * Session ids start with the instance id, so a RESUME that reaches another instance is answered
 * INVALID_SESSION at once. Membership is loaded once per user when their first session opens and
 * then kept current from membership events.
 */
public final class SessionRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String instanceId;
    private final int bufferSize;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConnectedUser> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> membersByServer = new ConcurrentHashMap<>();
    private volatile Consumer<String> onUserGone = userId -> { };

    public SessionRegistry(String instanceId, int bufferSize) {
        this.instanceId = instanceId;
        this.bufferSize = bufferSize;
    }

    /** Called with the id of a user whose last session ended (to drop their cached decisions). */
    public void onUserGone(Consumer<String> listener) {
        this.onUserGone = listener;
    }

    /** Whether the user already has sessions here (their membership is then known). */
    public boolean isConnected(String userId) {
        return users.containsKey(userId);
    }

    /**
     * Opens a session; {@code servers} is the user's membership, used only if the user has no other
     * session here. The session receives nothing until {@link #start} attaches its socket.
     */
    public Session open(String userId, String username, Set<String> servers) {
        var id = instanceId + "." + HexFormat.of().formatHex(bytes());
        var session = new Session(id, userId, username, bufferSize);
        users.compute(userId, (key, user) -> {
            if (user == null) {
                user = new ConnectedUser(userId);
                for (var server : servers) {
                    user.servers.add(server);
                    membersByServer.computeIfAbsent(server, s -> ConcurrentHashMap.newKeySet()).add(userId);
                }
            }
            user.sessions.add(session);
            return user;
        });
        sessions.put(id, session);
        return session;
    }

    /** Attaches the identifying socket and sends READY. */
    public void start(Session session, Outbound socket, String readyData) {
        session.start(socket, readyData);
    }

    public Optional<Session> find(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Resumes a session on a new socket; false when it cannot (then it is gone). */
    public boolean resume(Session session, Outbound socket, long lastSeen, String resumedData) {
        if (session.resume(socket, lastSeen, resumedData)) {
            return true;
        }
        remove(session);
        return false;
    }

    /** The servers a connected user is a member of (empty if not connected). */
    public Set<String> serversOf(String userId) {
        var user = users.get(userId);
        return user == null ? Set.of() : Set.copyOf(user.servers);
    }

    /** Connected users who are members of the server. */
    public Set<String> membersOf(String serverId) {
        var members = membersByServer.get(serverId);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /** Every connected user. */
    public Set<String> connectedUsers() {
        return Set.copyOf(users.keySet());
    }

    /** The connected ones among {@code userIds}. */
    public Set<String> connectedAmong(Collection<String> userIds) {
        var connected = new HashSet<String>();
        for (var id : userIds) {
            if (users.containsKey(id)) {
                connected.add(id);
            }
        }
        return connected;
    }

    /** The user's live and resumable sessions. */
    public List<Session> sessionsOf(String userId) {
        var user = users.get(userId);
        return user == null ? List.of() : List.copyOf(user.sessions);
    }

    /**
     * Records whether a connected user is a member of a server; true when that changed. Users not
     * connected are ignored.
     */
    public boolean setMember(String userId, String serverId, boolean member) {
        var changed = new boolean[1];
        users.computeIfPresent(userId, (key, user) -> {
            if (member) {
                changed[0] = user.servers.add(serverId);
                membersByServer.computeIfAbsent(serverId, s -> ConcurrentHashMap.newKeySet()).add(userId);
            } else {
                changed[0] = user.servers.remove(serverId);
                membersByServer.computeIfPresent(serverId, (s, members) -> {
                    members.remove(userId);
                    return members.isEmpty() ? null : members;
                });
            }
            return user;
        });
        return changed[0];
    }

    /** Ends expired sessions and trims every replay buffer to the window. */
    public void sweep(long nowNanos, long windowNanos) {
        for (var session : sessions.values()) {
            if (session.expire(nowNanos, windowNanos)) {
                remove(session);
            }
        }
    }

    /** Ends every session (shutdown): clients resume on another instance or identify again. */
    public void closeAll() {
        for (var session : sessions.values()) {
            session.end(CloseCodes.GOING_AWAY, "Gateway shutting down");
            remove(session);
        }
    }

    public int sessionCount() {
        return sessions.size();
    }

    private void remove(Session session) {
        if (!sessions.remove(session.id(), session)) {
            return;
        }
        var gone = new boolean[1];
        users.computeIfPresent(session.userId(), (key, user) -> {
            user.sessions.remove(session);
            if (!user.sessions.isEmpty()) {
                return user;
            }
            for (var server : user.servers) {
                membersByServer.computeIfPresent(server, (s, members) -> {
                    members.remove(key);
                    return members.isEmpty() ? null : members;
                });
            }
            gone[0] = true;
            return null;
        });
        if (gone[0]) {
            onUserGone.accept(session.userId());
        }
    }

    private static byte[] bytes() {
        var bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

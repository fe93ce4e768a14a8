package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.createServer;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The permission matrix through the gateway against the real SpiceDB: for each of the 13 permissions, a
 * member whose only grant is a role holding just that permission (attaching: with SEND_MESSAGES, which
 * alone is not enough) may use a route that needs it, and
 * is refused (403) once the role is removed again; the everyone role holds nothing but VIEW_CHANNELS
 * meanwhile. ADMINISTRATOR implies the rest; VIEW_CHANNELS hides the channel (404) when nobody grants it;
 * and being administrator of one server gives nothing in another.
 */
class PermissionMatrixIT {

    /** Permissions that only work together with another (docs/permissions.md: attaching also needs sending). */
    private static final Map<String, String> NEEDS = Map.of("ATTACH_FILES", "SEND_MESSAGES");

    private User owner;
    private User member;
    private User other;
    private String serverId;
    private String channelId;
    private Map<String, String> last;

    private Answer as(User user, String method, String path, Object body) {
        return request(method, path, user.token(), body == null ? "" : json(body), last);
    }

    private void changed(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isBetween(200, 299);
        last = after(answer);
    }

    /** One route per permission; each call may be repeated (fresh names, fresh victims). */
    private Map<String, Function<User, Answer>> routes() {
        var routes = new LinkedHashMap<String, Function<User, Answer>>();
        routes.put("MANAGE_SERVER", u -> as(u, "PATCH", "/api/v1/servers/" + serverId,
                Map.of("description", "matrix " + UUID.randomUUID())));
        routes.put("MANAGE_ROLES", u -> as(u, "POST", "/api/v1/servers/" + serverId + "/roles",
                Map.of("name", "made-" + UUID.randomUUID().toString().substring(0, 8), "permissions", List.of())));
        routes.put("MANAGE_CHANNELS", u -> as(u, "POST", "/api/v1/servers/" + serverId + "/channels",
                Map.of("name", "made-" + UUID.randomUUID().toString().substring(0, 8), "type", "text")));
        routes.put("MANAGE_WEBHOOKS", u -> as(u, "POST", "/api/v1/channels/" + channelId + "/webhooks",
                Map.of("name", "hook")));
        routes.put("MANAGE_NICKNAMES", u -> as(u, "PATCH", "/api/v1/servers/" + serverId + "/members/" + other.id(),
                Map.of("nickname", "nick" + UUID.randomUUID().toString().substring(0, 4))));
        routes.put("CHANGE_NICKNAME", u -> as(u, "PATCH", "/api/v1/servers/" + serverId + "/members/@me",
                Map.of("nickname", "me" + UUID.randomUUID().toString().substring(0, 4))));
        routes.put("SEND_MESSAGES", u -> as(u, "POST", "/api/v1/channels/" + channelId + "/messages",
                Map.of("content", "matrix")));
        routes.put("MANAGE_MESSAGES", u -> {
            var message = post("/api/v1/channels/" + channelId + "/messages", owner.token(),
                    json(Map.of("content", "pin me")));
            assertThat(message.status()).as(message.toString()).isEqualTo(201);
            return as(u, "PUT", "/api/v1/channels/" + channelId + "/pins/" + message.json().path("id").asText(), null);
        });
        routes.put("ATTACH_FILES", u -> as(u, "POST", "/api/v1/channels/" + channelId + "/attachments",
                Map.of("filename", "a.txt", "size", 5, "contentType", "text/plain")));
        routes.put("MANAGE_MEMBERS", u -> get("/api/v1/servers/" + serverId + "/bans", u.token(), last));
        routes.put("MANAGE_INVITES", u -> as(u, "POST", "/api/v1/servers/" + serverId + "/invites",
                Map.of("maxAgeSeconds", 3600, "maxUses", 1)));
        return routes;
    }

    private String role(String... permissions) {
        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "only-" + String.join("-", permissions).toLowerCase(), "permissions",
                        List.of(permissions))));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        last = after(role);
        return role.json().path("id").asText();
    }

    private void grant(String roleId, boolean on) {
        changed(request(on ? "PUT" : "DELETE", "/api/v1/servers/" + serverId + "/members/" + member.id() + "/roles/"
                + roleId, owner.token(), "", last));
    }

    private static void assertAllowed(String permission, Answer answer) {
        assertThat(answer.status()).as(permission + " granted: " + answer).isBetween(200, 299);
    }

    private static void assertRefused(String permission, Answer answer, int status) {
        assertThat(answer.status()).as(permission + " not granted: " + answer).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void eachPermissionOpensItsRouteAndNothingElseDoes() {
        owner = TestUsers.fresh("matrix-owner");
        member = TestUsers.fresh("matrix-member");
        other = TestUsers.fresh("matrix-other");
        serverId = createServer(owner, "public");
        var channel = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "matrix", "type", "text")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        channelId = channel.json().path("id").asText();
        changed(post("/api/v1/servers/" + serverId + "/join", member.token(), ""));
        changed(post("/api/v1/servers/" + serverId + "/join", other.token(), ""));
        var everyone = get("/api/v1/servers/" + serverId + "/roles", owner.token(), last).json()
                .path("items").get(0).path("id").asText();
        changed(request("PATCH", "/api/v1/servers/" + serverId + "/roles/" + everyone, owner.token(),
                json(Map.of("permissions", List.of("VIEW_CHANNELS"))), last));

        var routes = routes();
        for (var route : routes.entrySet()) {
            var permission = route.getKey();
            assertRefused(permission, route.getValue().apply(member), 403);
            var needs = NEEDS.get(permission);
            if (needs != null) {
                var without = role(needs);
                grant(without, true);
                assertRefused(permission + " (holding only " + needs + ")", route.getValue().apply(member), 403);
                grant(without, false);
            }
            var roleId = needs == null ? role(permission) : role(permission, needs);
            grant(roleId, true);
            assertAllowed(permission, route.getValue().apply(member));
            grant(roleId, false);
            assertRefused(permission, route.getValue().apply(member), 403);
        }

        var admin = role("ADMINISTRATOR");
        grant(admin, true);
        for (var route : routes.entrySet()) {
            assertAllowed("ADMINISTRATOR implies " + route.getKey(), route.getValue().apply(member));
        }

        var otherOwner = TestUsers.fresh("matrix-elsewhere");
        var elsewhere = createServer(otherOwner, "private");
        assertRefused("administrator of another server", get("/api/v1/servers/" + elsewhere, member.token(), last), 404);
        assertRefused("administrator of another server", request("PATCH", "/api/v1/servers/" + elsewhere,
                member.token(), json(Map.of("description", "mine now")), last), 404);
        assertRefused("administrator of another server", post("/api/v1/servers/" + elsewhere + "/channels",
                member.token(), json(Map.of("name", "x", "type", "text"))), 404);
        grant(admin, false);

        changed(request("PATCH", "/api/v1/servers/" + serverId + "/roles/" + everyone, owner.token(),
                json(Map.of("permissions", List.of())), last));
        assertRefused("VIEW_CHANNELS", get("/api/v1/channels/" + channelId + "/messages", member.token(), last), 404);
        var view = role("VIEW_CHANNELS");
        grant(view, true);
        assertAllowed("VIEW_CHANNELS", get("/api/v1/channels/" + channelId + "/messages", member.token(), last));
    }
}

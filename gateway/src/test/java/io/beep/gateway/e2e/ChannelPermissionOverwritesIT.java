package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Channel permission overwrites through the gateway against the running stack: each write answers a
 * consistency token and the next request carrying it sees the overwrite in force.
 */
class ChannelPermissionOverwritesIT {

    private static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isEqualTo(code);
    }

    private static String createServer(User owner) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Overwrites " + UUID.randomUUID(),
                "description", "overwrite e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    private static String createChannel(User owner, String serverId, String name) {
        var channel = post("/api/v1/servers/" + serverId + "/channels", owner.token(), json(Map.of("name", name)));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return channel.json().path("id").asText();
    }

    private static Answer join(User user, String serverId) {
        var joined = post("/api/v1/servers/" + serverId + "/join", user.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        return joined;
    }

    private static String everyoneRole(User owner, String serverId) {
        var roles = get("/api/v1/servers/" + serverId + "/roles", owner.token());
        assertThat(roles.json().path("items").get(0).path("name").asText()).isEqualTo("@everyone");
        return roles.json().path("items").get(0).path("id").asText();
    }

    private static Answer overwrite(User actor, String channelId, String targetId, String targetType,
                                    List<String> allow, List<String> deny) {
        return request("PUT", "/api/v1/channels/" + channelId + "/permissions/" + targetId, actor.token(),
                json(Map.of("targetType", targetType, "allow", allow, "deny", deny)), Map.of());
    }

    private static Answer removeOverwrite(User actor, String channelId, String targetId) {
        return request("DELETE", "/api/v1/channels/" + channelId + "/permissions/" + targetId, actor.token(), null,
                Map.of());
    }

    private static List<String> channelIds(User user, String serverId, Answer after) {
        var list = get("/api/v1/servers/" + serverId + "/channels", user.token(), after(after));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().path("items").findValuesAsText("id");
    }

    private static Answer send(User user, String channelId, String content) {
        return post("/api/v1/channels/" + channelId + "/messages", user.token(), json(Map.of("content", content)));
    }

    @Test
    void everyoneDenyOfViewHidesTheChannelWhileARoleAllowShowsItToTheRoleHolders() {
        var owner = TestUsers.fresh("ow-owner");
        var plain = TestUsers.fresh("ow-plain");
        var insider = TestUsers.fresh("ow-insider");
        var serverId = createServer(owner);
        var secret = createChannel(owner, serverId, "secret");
        join(plain, serverId);
        join(insider, serverId);
        var everyone = everyoneRole(owner, serverId);

        var hidden = overwrite(owner, secret, everyone, "role", List.of(), List.of("VIEW_CHANNELS"));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(hidden.json().path("deny").get(0).asText()).isEqualTo("VIEW_CHANNELS");
        assertProblem(get("/api/v1/channels/" + secret, plain.token(), after(hidden)), 404, "NOT_FOUND");
        assertThat(channelIds(plain, serverId, hidden)).doesNotContain(secret).isNotEmpty();
        assertThat(channelIds(owner, serverId, hidden)).contains(secret);

        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "insiders", "permissions", List.of())));
        assertThat(role.status()).as(role.toString()).isEqualTo(201);
        var roleId = role.json().path("id").asText();
        var assigned = request("PUT", "/api/v1/servers/" + serverId + "/members/" + insider.id() + "/roles/" + roleId,
                owner.token(), null, Map.of());
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
        var shown = overwrite(owner, secret, roleId, "role", List.of("VIEW_CHANNELS"), List.of());
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(get("/api/v1/channels/" + secret, insider.token(), after(shown)).status()).isEqualTo(200);
        assertThat(channelIds(insider, serverId, shown)).contains(secret);
        assertProblem(get("/api/v1/channels/" + secret, plain.token(), after(shown)), 404, "NOT_FOUND");

        var restored = removeOverwrite(owner, secret, everyone);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(204);
        assertThat(get("/api/v1/channels/" + secret, plain.token(), after(restored)).status()).isEqualTo(200);
        assertThat(channelIds(plain, serverId, restored)).contains(secret);
    }

    @Test
    void memberDenyOfSendBlocksThatMemberUntilRemoved() {
        var owner = TestUsers.fresh("ow-owner");
        var muted = TestUsers.fresh("ow-muted");
        var other = TestUsers.fresh("ow-other");
        var serverId = createServer(owner);
        var channel = createChannel(owner, serverId, "talk");
        join(muted, serverId);
        join(other, serverId);

        var denied = overwrite(owner, channel, muted.id(), "member", List.of(), List.of("SEND_MESSAGES"));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(200);
        var blocked = request("POST", "/api/v1/channels/" + channel + "/messages", muted.token(),
                json(Map.of("content", "hello?")), after(denied));
        assertProblem(blocked, 403, "MISSING_PERMISSION");
        var spoke = send(other, channel, "I can talk");
        assertThat(spoke.status()).as(spoke.toString()).isEqualTo(201);
        assertThat(get("/api/v1/channels/" + channel, muted.token(), after(denied)).status()).isEqualTo(200);

        var removed = removeOverwrite(owner, channel, muted.id());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        var again = request("POST", "/api/v1/channels/" + channel + "/messages", muted.token(),
                json(Map.of("content", "back")), after(removed));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertProblem(removeOverwrite(owner, channel, muted.id()), 404, "NOT_FOUND");
    }

    @Test
    void badOverwritesAreRejectedAndOnlyManagersMaySetThem() {
        var owner = TestUsers.fresh("ow-owner");
        var member = TestUsers.fresh("ow-member");
        var stranger = TestUsers.fresh("ow-stranger");
        var serverId = createServer(owner);
        var otherServer = createServer(stranger);
        var channel = createChannel(owner, serverId, "rules");
        join(member, serverId);
        var everyone = everyoneRole(owner, serverId);

        assertProblem(overwrite(owner, channel, everyone, "role", List.of("ADMINISTRATOR"), List.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(overwrite(owner, channel, everyone, "role", List.of("MANAGE_INVITES"), List.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(overwrite(owner, channel, everyone, "role", List.of("FLY"), List.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(overwrite(owner, channel, everyone, "role", List.of("SEND_MESSAGES"), List.of("SEND_MESSAGES")),
                400, "VALIDATION_FAILED");
        assertProblem(overwrite(owner, channel, everyone, "bot", List.of(), List.of("SEND_MESSAGES")), 400,
                "VALIDATION_FAILED");
        assertProblem(overwrite(owner, channel, everyoneRole(stranger, otherServer), "role", List.of(),
                List.of("SEND_MESSAGES")), 404, "NOT_FOUND");
        assertProblem(overwrite(owner, channel, stranger.id(), "member", List.of(), List.of("SEND_MESSAGES")), 404,
                "NOT_FOUND");
        assertProblem(overwrite(member, channel, everyone, "role", List.of(), List.of("SEND_MESSAGES")), 403,
                "MISSING_PERMISSION");
        assertProblem(overwrite(stranger, channel, everyone, "role", List.of(), List.of("SEND_MESSAGES")), 404,
                "NOT_FOUND");
        assertProblem(overwrite(owner, "4242424242424242", everyone, "role", List.of(), List.of()), 404, "NOT_FOUND");
        assertProblem(removeOverwrite(owner, channel, everyone), 404, "NOT_FOUND");
        assertProblem(removeOverwrite(member, channel, everyone), 403, "MISSING_PERMISSION");
    }
}

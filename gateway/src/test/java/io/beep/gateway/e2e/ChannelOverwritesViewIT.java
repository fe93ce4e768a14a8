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
 * A channel shows its permission overwrites to those who may manage the channel (MANAGE_CHANNELS) or its
 * permissions (MANAGE_ROLES), and to nobody else; a removed overwrite disappears from it.
 */
class ChannelOverwritesViewIT {

    private static Map<String, String> after(Answer answer) {
        assertThat(answer.consistencyToken()).as("consistency token of " + answer).isNotBlank();
        return Map.of("Beep-Consistency-Token", answer.consistencyToken());
    }

    private static Answer overwrite(User actor, String channelId, String targetId, String targetType,
                                    List<String> allow, List<String> deny) {
        return request("PUT", "/api/v1/channels/" + channelId + "/permissions/" + targetId, actor.token(),
                json(Map.of("targetType", targetType, "allow", allow, "deny", deny)), Map.of());
    }

    @Test
    void managersSeeTheOverwritesAndOrdinaryMembersDoNot() {
        var owner = TestUsers.fresh("ow-owner");
        var member = TestUsers.fresh("ow-member");
        var manager = TestUsers.fresh("ow-manager");
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Overwrite view " + UUID.randomUUID(),
                "description", "", "visibility", "public")));
        var serverId = server.json().path("id").asText();
        var channel = post("/api/v1/servers/" + serverId + "/channels", owner.token(), json(Map.of("name", "rules")));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        var channelId = channel.json().path("id").asText();
        post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        post("/api/v1/servers/" + serverId + "/join", manager.token(), "");
        var role = post("/api/v1/servers/" + serverId + "/roles", owner.token(),
                json(Map.of("name", "channel-keepers", "permissions", List.of("MANAGE_ROLES"))));
        var roleId = role.json().path("id").asText();
        var assigned = request("PUT", "/api/v1/servers/" + serverId + "/members/" + manager.id() + "/roles/" + roleId,
                owner.token(), null, after(role));
        assertThat(assigned.status()).as(assigned.toString()).isIn(200, 204);

        var denied = overwrite(owner, channelId, member.id(), "member", List.of(), List.of("SEND_MESSAGES"));
        assertThat(denied.status()).as(denied.toString()).isIn(200, 204);
        var allowed = overwrite(owner, channelId, roleId, "role", List.of("ATTACH_FILES", "SEND_MESSAGES"), List.of());
        assertThat(allowed.status()).as(allowed.toString()).isIn(200, 204);

        var seen = get("/api/v1/channels/" + channelId, owner.token(), after(allowed));
        assertThat(seen.status()).as(seen.toString()).isEqualTo(200);
        assertThat(seen.json().path("id").asText()).isEqualTo(channelId);
        assertThat(seen.json().path("name").asText()).isEqualTo("rules");
        var overwrites = seen.json().path("permissionOverwrites");
        assertThat(overwrites.size()).as(seen.toString()).isEqualTo(2);
        assertThat(overwrites.get(0).path("targetType").asText()).isEqualTo("role");
        assertThat(overwrites.get(0).path("targetId").asText()).isEqualTo(roleId);
        assertThat(overwrites.get(0).path("allow").toString()).isEqualTo("[\"ATTACH_FILES\",\"SEND_MESSAGES\"]");
        assertThat(overwrites.get(1).path("targetType").asText()).isEqualTo("member");
        assertThat(overwrites.get(1).path("deny").toString()).isEqualTo("[\"SEND_MESSAGES\"]");

        var byManager = get("/api/v1/channels/" + channelId, manager.token(), after(allowed));
        assertThat(byManager.json().path("permissionOverwrites").size()).as(byManager.toString()).isEqualTo(2);

        var byMember = get("/api/v1/channels/" + channelId, member.token(), after(allowed));
        assertThat(byMember.status()).as(byMember.toString()).isEqualTo(200);
        assertThat(byMember.json().has("permissionOverwrites")).as(byMember.toString()).isFalse();

        var removed = request("DELETE", "/api/v1/channels/" + channelId + "/permissions/" + member.id(), owner.token(),
                null, Map.of());
        assertThat(removed.status()).as(removed.toString()).isIn(200, 204);
        var afterRemoval = get("/api/v1/channels/" + channelId, owner.token(), after(removed));
        assertThat(afterRemoval.json().path("permissionOverwrites").findValuesAsText("targetId"))
                .containsExactly(roleId);
    }
}

package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ordering a server's channels with PATCH position through the gateway against the running stack. */
class ChannelPositionsIT extends TrackedRequests {

    private Answer patch(User user, String channelId, String body) {
        return track(request("PATCH", "/api/v1/channels/" + channelId, user.token(), body, last));
    }

    @Test
    void channelListsFollowTheGivenPositionsThenIds() {
        var owner = TestUsers.fresh("pos-owner");
        var member = TestUsers.fresh("pos-member");
        var serverId = createServer(owner);
        assertThat(track(post("/api/v1/servers/" + serverId + "/join", member.token(), "", last)).status())
                .isEqualTo(200);
        var a = textChannel(owner, serverId, "a");
        var b = textChannel(owner, serverId, "b");
        var c = textChannel(owner, serverId, "c");

        var first = patch(owner, a, "{\"position\": 50}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("position").asInt()).isEqualTo(50);
        assertThat(patch(owner, b, "{\"position\": 50}").status()).isEqualTo(200);
        var renamed = patch(owner, c, "{\"position\": 40, \"name\": \"c-first\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("c-first");

        var list = get("/api/v1/servers/" + serverId + "/channels", member.token(), after(renamed));
        var ids = list.json().path("items").findValuesAsText("id");
        assertThat(ids.stream().filter(List.of(a, b, c)::contains).toList()).containsExactly(c, a, b);
        assertThat(ids.indexOf(c)).isEqualTo(ids.size() - 3);
        var read = get("/api/v1/channels/" + c, member.token(), after(renamed));
        assertThat(read.json().path("position").asInt()).isEqualTo(40);
    }

    @Test
    void aPositionMustBeANonNegativeIntegerSetByAChannelManager() {
        var owner = TestUsers.fresh("pos-owner");
        var member = TestUsers.fresh("pos-member");
        var serverId = createServer(owner);
        assertThat(track(post("/api/v1/servers/" + serverId + "/join", member.token(), "", last)).status())
                .isEqualTo(200);
        var chat = textChannel(owner, serverId, "chat");

        for (var bad : List.of("-1", "1.5", "\"3\"", "null", "2147483648", "true")) {
            assertProblem(patch(owner, chat, "{\"position\": " + bad + "}"), 400, "VALIDATION_FAILED");
        }
        assertProblem(patch(member, chat, "{\"position\": 0}"), 403, "MISSING_PERMISSION");
    }
}

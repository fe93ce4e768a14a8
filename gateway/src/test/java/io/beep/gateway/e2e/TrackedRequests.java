package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.Map;

/**
 * Base of e2e tests whose every request carries the consistency token of the test's latest change
 * (read-your-writes), with the setup steps they share.
 */
abstract class TrackedRequests {

    /** The consistency token of the test's latest change, as request headers. */
    protected Map<String, String> last = Map.of();

    protected Answer track(Answer answer) {
        if (answer.consistencyToken() != null && !answer.consistencyToken().isBlank()) {
            last = after(answer);
        }
        return answer;
    }

    protected String createServer(User owner) {
        var label = getClass().getSimpleName();
        var server = track(post("/api/v1/servers", owner.token(), json(Map.of("name", label + " " + owner.username(),
                "description", label + " e2e", "visibility", "public")), last));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    protected String textChannel(User owner, String serverId, String name) {
        var created = track(post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", name, "type", "text")), last));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    protected Answer send(User user, String channelId, String content) {
        var sent = track(post("/api/v1/channels/" + channelId + "/messages", user.token(),
                json(Map.of("content", content)), last));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent;
    }
}

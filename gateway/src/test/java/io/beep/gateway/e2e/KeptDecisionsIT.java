package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Command and query side keep ALLOWED permission decisions in memory (120 s at most) and drop them
 * when the saga announces a relationship change. A member who sent and read many times without a
 * consistency token (so both sides keep "allowed") is kicked: once the saga has written the kick (the
 * member's own read with the kick's token is refused), her very next requests WITHOUT a token are
 * refused too — well before a kept decision would have run out. Awaited by bounded polling only.
 */
class KeptDecisionsIT extends TrackedRequests {

    /** 20 × 100 ms: far below the 120 s a kept decision lives; an announcement takes milliseconds. */
    private static final int ATTEMPTS = 20;

    @Test
    void aKickedMembersKeptDecisionsAreDroppedAtOnce() {
        var owner = TestUsers.fresh("kd-owner");
        var member = TestUsers.fresh("kd-member");
        var serverId = createServer(owner);
        var messages = messagesKeptBy(member, serverId, textChannel(owner, serverId, "kept"));

        var kicked = request("DELETE", "/api/v1/servers/" + serverId + "/members/" + member.id(), owner.token(), null,
                Map.of());
        assertThat(kicked.status()).as(kicked.toString()).isEqualTo(204);
        var covered = get(messages, member.token(), after(kicked));
        assertThat(covered.status()).as("read with the kick's token: " + covered).isEqualTo(404);

        var send = firstRefused(() -> post(messages, member.token(), json(Map.of("content", "still here?"))));
        assertThat(send.status()).as("send without a token after the kick: " + send).isEqualTo(404);
        var read = firstRefused(() -> get(messages, member.token()));
        assertThat(read.status()).as("read without a token after the kick: " + read).isEqualTo(404);
    }

    /**
     * A deny overwrite for the everyone role is a change through a role's member set: announced to
     * the server's members (read before the change), the member among them.
     */
    @Test
    void anEveryoneDenyDropsTheMembersKeptDecisionsAtOnce() {
        var owner = TestUsers.fresh("kd-owner");
        var member = TestUsers.fresh("kd-member");
        var serverId = createServer(owner);
        var channelId = textChannel(owner, serverId, "kept-deny");
        var messages = messagesKeptBy(member, serverId, channelId);
        var roles = get("/api/v1/servers/" + serverId + "/roles", owner.token());
        assertThat(roles.json().path("items").get(0).path("name").asText()).isEqualTo("@everyone");
        var everyone = roles.json().path("items").get(0).path("id").asText();

        var denied = request("PUT", "/api/v1/channels/" + channelId + "/permissions/" + everyone, owner.token(),
                json(Map.of("targetType", "role", "allow", List.of(), "deny", List.of("SEND_MESSAGES"))), Map.of());
        assertThat(denied.status()).as(denied.toString()).isEqualTo(200);
        var covered = post(messages, member.token(), json(Map.of("content", "with the token")), after(denied));
        assertThat(covered.status()).as("send with the overwrite's token: " + covered).isEqualTo(403);

        var send = firstRefused(() -> post(messages, member.token(), json(Map.of("content", "still allowed?"))));
        assertThat(send.status()).as("send without a token after the deny: " + send).isEqualTo(403);
    }

    /**
     * The member joins and sends and reads five times without a token, so both sides keep
     * "allowed"; answers the channel's messages path.
     */
    private String messagesKeptBy(User member, String serverId, String channelId) {
        var joined = track(post("/api/v1/servers/" + serverId + "/join", member.token(), "", last));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        var messages = "/api/v1/channels/" + channelId + "/messages";
        // the join's relationships are written: from now on requests without a token may be answered from memory
        assertThat(get(messages, member.token(), last).status()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            var sent = post(messages, member.token(), json(Map.of("content", "kept " + i)));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            var read = get(messages, member.token());
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
        }
        return messages;
    }

    private static Answer firstRefused(Supplier<Answer> request) {
        var answer = request.get();
        for (int i = 0; i < ATTEMPTS && answer.status() < 400; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = request.get();
        }
        return answer;
    }
}

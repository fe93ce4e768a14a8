package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threads on messages through the gateway against the running stack. */
class ThreadsIT extends TrackedRequests {

    private Answer startThread(User user, String channelId, String messageId, Object body) {
        return track(post("/api/v1/channels/" + channelId + "/messages/" + messageId + "/threads", user.token(),
                json(body), last));
    }

    private static List<JsonNode> history(User reader, String channelId, Answer after) {
        var page = get("/api/v1/channels/" + channelId + "/messages", reader.token(), after(after));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        var messages = new ArrayList<JsonNode>();
        page.json().path("items").forEach(messages::add);
        return messages;
    }

    private Answer join(User user, String serverId) {
        var joined = track(post("/api/v1/servers/" + serverId + "/join", user.token(), "", last));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        return joined;
    }

    @Test
    void aMemberStartsOneThreadOnAMessageWhichShowsAsAChannelWithANoticeInTheParent() {
        var owner = TestUsers.fresh("thr-owner");
        var member = TestUsers.fresh("thr-member");
        var serverId = createServer(owner);
        join(member, serverId);
        var chat = textChannel(owner, serverId, "chat");
        var message = send(owner, chat, "shall we plan the release?").json().path("id").asText();

        var started = startThread(member, chat, message, Map.of("name", "  release plans "));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        var thread = started.json();
        var threadId = thread.path("id").asText();
        assertThat(thread.path("type").asText()).isEqualTo("thread");
        assertThat(thread.path("name").asText()).isEqualTo("release plans");
        assertThat(thread.path("parentId").asText()).isEqualTo(chat);
        assertThat(thread.path("serverId").asText()).isEqualTo(serverId);

        var read = get("/api/v1/channels/" + threadId, member.token(), last);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("type").asText()).isEqualTo("thread");
        assertThat(read.json().path("parentId").asText()).isEqualTo(chat);
        var list = get("/api/v1/servers/" + serverId + "/channels", member.token(), after(started));
        assertThat(list.json().path("items").findValuesAsText("id")).contains(chat, threadId);

        var notices = history(owner, chat, started).stream()
                .filter(m -> m.path("type").asText().equals("thread_created")).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).path("replyTo").asText()).isEqualTo(message);
        assertThat(notices.get(0).path("content").asText()).isEqualTo("release plans");
        assertThat(notices.get(0).path("authorId").asText()).isEqualTo(member.id());

        var inThread = send(owner, threadId, "first thought");
        assertThat(history(member, threadId, inThread)).extracting(m -> m.path("content").asText())
                .containsExactly("first thought");

        var again = startThread(owner, chat, message, Map.of("name", "another"));
        assertProblem(again, 409, "ALREADY_EXISTS");
        assertThat(history(owner, chat, inThread).stream()
                .filter(m -> m.path("type").asText().equals("thread_created"))).hasSize(1);
    }

    @Test
    void aThreadNeedsAVisibleMessageOfThatTextChannelAndAName() {
        var owner = TestUsers.fresh("thr-owner");
        var serverId = createServer(owner);
        var chat = textChannel(owner, serverId, "chat");
        var other = textChannel(owner, serverId, "other");
        var message = send(owner, chat, "topic").json().path("id").asText();

        assertProblem(startThread(owner, other, message, Map.of("name", "t")), 404, "NOT_FOUND");
        assertProblem(startThread(owner, chat, "4242424242424242", Map.of("name", "t")), 404, "NOT_FOUND");
        assertProblem(startThread(owner, "4242424242424242", message, Map.of("name", "t")), 404, "NOT_FOUND");
        assertProblem(startThread(owner, chat, message, Map.of("name", "  ")), 400, "VALIDATION_FAILED");
        assertProblem(startThread(owner, chat, message, Map.of("name", "x".repeat(101))), 400, "VALIDATION_FAILED");

        var deleted = send(owner, chat, "soon gone").json().path("id").asText();
        var removed = track(request("DELETE", "/api/v1/channels/" + chat + "/messages/" + deleted, owner.token(), null,
                last));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertProblem(startThread(owner, chat, deleted, Map.of("name", "t")), 404, "NOT_FOUND");

        var started = startThread(owner, chat, message, Map.of("name", "t"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        var threadId = started.json().path("id").asText();
        var inThread = send(owner, threadId, "nested?").json().path("id").asText();
        assertProblem(startThread(owner, threadId, inThread, Map.of("name", "deeper")), 400, "VALIDATION_FAILED");
    }

    @Test
    void nonMembersGet404AndMembersWhoMayNotSendGet403() {
        var owner = TestUsers.fresh("thr-owner");
        var member = TestUsers.fresh("thr-muted");
        var stranger = TestUsers.fresh("thr-stranger");
        var serverId = createServer(owner);
        join(member, serverId);
        var chat = textChannel(owner, serverId, "chat");
        var message = send(owner, chat, "no threads for some").json().path("id").asText();

        assertProblem(startThread(stranger, chat, message, Map.of("name", "t")), 404, "NOT_FOUND");

        var denied = request("PUT", "/api/v1/channels/" + chat + "/permissions/" + member.id(), owner.token(),
                json(Map.of("targetType", "member", "allow", List.of(), "deny", List.of("SEND_MESSAGES"))), last);
        assertThat(denied.status()).as(denied.toString()).isIn(200, 204);
        var refused = post("/api/v1/channels/" + chat + "/messages/" + message + "/threads", member.token(),
                json(Map.of("name", "t")), after(denied));
        assertProblem(refused, 403, "MISSING_PERMISSION");
    }

    @Test
    void aThreadIsSeenOnlyByThoseWhoMayViewItsChannelAndGoesWithIt() {
        var owner = TestUsers.fresh("thr-owner");
        var member = TestUsers.fresh("thr-member");
        var serverId = createServer(owner);
        join(member, serverId);
        var chat = textChannel(owner, serverId, "chat");
        var message = send(owner, chat, "secret topic").json().path("id").asText();
        var started = startThread(owner, chat, message, Map.of("name", "secret thread"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        var threadId = started.json().path("id").asText();

        var hidden = request("PUT", "/api/v1/channels/" + chat + "/permissions/" + member.id(), owner.token(),
                json(Map.of("targetType", "member", "allow", List.of(), "deny", List.of("VIEW_CHANNELS"))), last);
        assertThat(hidden.status()).as(hidden.toString()).isIn(200, 204);
        assertProblem(get("/api/v1/channels/" + threadId, member.token(), after(hidden)), 404, "NOT_FOUND");
        assertThat(get("/api/v1/servers/" + serverId + "/channels", member.token(), after(hidden)).json().path("items")
                .findValuesAsText("id")).doesNotContain(chat, threadId);
        assertThat(get("/api/v1/servers/" + serverId + "/channels", owner.token(), after(hidden)).json().path("items")
                .findValuesAsText("id")).contains(chat, threadId);

        var deleted = request("DELETE", "/api/v1/channels/" + chat, owner.token(), null, last);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertProblem(get("/api/v1/channels/" + threadId, owner.token(), after(deleted)), 404, "NOT_FOUND");
        assertThat(get("/api/v1/servers/" + serverId + "/channels", owner.token(), after(deleted)).json().path("items")
                .findValuesAsText("id")).doesNotContain(threadId);
        assertProblem(post("/api/v1/channels/" + threadId + "/messages", owner.token(),
                json(Map.of("content", "anyone?")), after(deleted)), 404, "NOT_FOUND");
    }
}

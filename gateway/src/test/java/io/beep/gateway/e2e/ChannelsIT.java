package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.InvitesIT.createServer;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Renaming, moving and deleting server channels through the gateway against the running stack. */
class ChannelsIT {

    private static Answer createChannel(User owner, String serverId, String name, String type) {
        var created = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", name, "type", type)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private static Answer patch(User user, String channelId, Object body) {
        return request("PATCH", "/api/v1/channels/" + channelId, user.token(), json(body), Map.of());
    }

    @Test
    void aChannelManagerRenamesAndMovesAChannelAndDeletingItsCategoryFreesIt() {
        var owner = TestUsers.fresh("ch-owner");
        var serverId = createServer(owner, "public");
        var category = createChannel(owner, serverId, "Voice and text", "category").json().path("id").asText();
        var text = createChannel(owner, serverId, "chat", "text").json().path("id").asText();

        var moved = patch(owner, text, Map.of("name", " lounge ", "parentId", category));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("name").asText()).isEqualTo("lounge");
        assertThat(moved.json().path("parentId").asText()).isEqualTo(category);
        var read = get("/api/v1/channels/" + text, owner.token(), after(moved));
        assertThat(read.json().path("name").asText()).isEqualTo("lounge");
        assertThat(read.json().path("parentId").asText()).isEqualTo(category);

        var deleted = request("DELETE", "/api/v1/channels/" + category, owner.token(), null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var list = get("/api/v1/servers/" + serverId + "/channels", owner.token(), after(deleted));
        assertThat(list.json().path("items").findValuesAsText("id")).contains(text).doesNotContain(category);
        assertThat(get("/api/v1/channels/" + text, owner.token(), after(deleted)).json().path("parentId").isNull())
                .isTrue();
        assertProblem(get("/api/v1/channels/" + category, owner.token(), after(deleted)), 404, "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/channels/" + category, owner.token(), null, after(deleted)), 404,
                "NOT_FOUND");

        var renamed = patch(owner, text, Map.of("name", "after the category"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("parentId").isNull()).as(renamed.toString()).isTrue();
        assertThat(get("/api/v1/channels/" + text, owner.token(), after(renamed)).json().path("parentId").isNull())
                .isTrue();

        var again = createChannel(owner, serverId, "Second", "category").json().path("id").asText();
        assertThat(patch(owner, text, Map.of("parentId", again)).status()).isEqualTo(200);
        var out = patch(owner, text, nullParent());
        assertThat(out.status()).as(out.toString()).isEqualTo(200);
        assertThat(out.json().path("parentId").isNull()).isTrue();
    }

    @Test
    void aDeletedChannelIsGoneForItsMembersAndTakesNoMessages() {
        var owner = TestUsers.fresh("ch-owner");
        var member = TestUsers.fresh("ch-member");
        var serverId = createServer(owner, "public");
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).isEqualTo(200);
        var text = createChannel(owner, serverId, "doomed", "text").json().path("id").asText();
        assertThat(get("/api/v1/channels/" + text, member.token(), after(joined)).status()).isEqualTo(200);

        var deleted = request("DELETE", "/api/v1/channels/" + text, owner.token(), null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertProblem(get("/api/v1/channels/" + text, member.token(), after(deleted)), 404, "NOT_FOUND");
        assertProblem(post("/api/v1/channels/" + text + "/messages", member.token(),
                json(Map.of("content", "anyone?")), after(deleted)), 404, "NOT_FOUND");
        var list = get("/api/v1/servers/" + serverId + "/channels", member.token(), after(deleted));
        assertThat(list.json().path("items").findValuesAsText("id")).doesNotContain(text);
    }

    @Test
    void onlyChannelManagersChangeChannelsAndAnotherServersAdminGetsNothing() {
        var owner = TestUsers.fresh("ch-owner");
        var member = TestUsers.fresh("ch-member");
        var otherOwner = TestUsers.fresh("ch-other");
        var serverId = createServer(owner, "public");
        var otherServer = createServer(otherOwner, "public");
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).isEqualTo(200);
        var text = createChannel(owner, serverId, "chat", "text").json().path("id").asText();
        var foreignCategory = createChannel(otherOwner, otherServer, "theirs", "category").json().path("id").asText();

        assertProblem(patch(member, text, Map.of("name", "mine")), 403, "MISSING_PERMISSION");
        assertProblem(request("DELETE", "/api/v1/channels/" + text, member.token(), null, Map.of()), 403,
                "MISSING_PERMISSION");
        assertProblem(patch(otherOwner, text, Map.of("name", "mine")), 404, "NOT_FOUND");
        assertProblem(request("DELETE", "/api/v1/channels/" + text, otherOwner.token(), null, Map.of()), 404,
                "NOT_FOUND");

        assertProblem(patch(owner, text, Map.of("parentId", foreignCategory)), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, text, Map.of("parentId", text)), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, text, Map.of("parentId", "not-an-id")), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, text, Map.of("name", "   ")), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, text, Map.of("name", "x".repeat(101))), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, text, Map.of("topic", "x")), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, "4242424242424242", Map.of("name", "x")), 404, "NOT_FOUND");
    }

    private static Map<String, Object> nullParent() {
        var body = new HashMap<String, Object>();
        body.put("parentId", null);
        return body;
    }
}

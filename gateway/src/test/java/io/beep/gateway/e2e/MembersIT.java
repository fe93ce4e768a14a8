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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nicknames and timed mutes through the gateway against the running stack. */
class MembersIT {

    private static Answer patch(User user, String path, Object body, Map<String, String> headers) {
        return request("PATCH", path, user.token(), json(body), headers);
    }

    private static String joined(User member, String serverId) {
        var joined = post("/api/v1/servers/" + serverId + "/join", member.token(), "");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        return joined.consistencyToken();
    }

    @Test
    void aMemberSetsTheirOwnNicknameButOnlyNicknameManagersSetOthers() {
        var owner = TestUsers.fresh("mem-owner");
        var member = TestUsers.fresh("mem-member");
        var serverId = createServer(owner, "public");
        joined(member, serverId);
        var base = "/api/v1/servers/" + serverId + "/members/";

        var own = patch(member, base + "@me", Map.of("nickname", "  Bee "), Map.of());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().path("nickname").asText()).isEqualTo("Bee");
        var read = get(base + member.id(), owner.token(), after(own));
        assertThat(read.json().path("nickname").asText()).isEqualTo("Bee");

        assertProblem(patch(member, base + owner.id(), Map.of("nickname", "boss"), Map.of()), 403,
                "MISSING_PERMISSION");
        var byOwner = patch(owner, base + member.id(), Map.of("nickname", "Moderated"), Map.of());
        assertThat(byOwner.status()).as(byOwner.toString()).isEqualTo(200);
        var cleared = patch(member, base + "@me", nullNickname(), Map.of());
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        var clearedView = get(base + member.id(), member.token(), after(cleared)).json().path("nickname");
        assertThat(clearedView.isNull() || clearedView.isMissingNode()).isTrue();

        var roles = get("/api/v1/servers/" + serverId + "/roles", owner.token(), after(cleared));
        var everyone = roles.json().path("items").get(0).path("id").asText();
        var revoked = patch(owner, "/api/v1/servers/" + serverId + "/roles/" + everyone,
                Map.of("permissions", List.of("VIEW_CHANNELS", "SEND_MESSAGES")), Map.of());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertProblem(patch(member, base + "@me", Map.of("nickname", "again"), after(revoked)), 403,
                "MISSING_PERMISSION");
    }

    @Test
    void badMemberInputIsA400AndAnotherServersAdminGetsNothing() {
        var owner = TestUsers.fresh("mem-owner");
        var member = TestUsers.fresh("mem-member");
        var otherOwner = TestUsers.fresh("mem-other");
        var serverId = createServer(owner, "public");
        createServer(otherOwner, "public");
        joined(member, serverId);
        var base = "/api/v1/servers/" + serverId + "/members/";

        assertProblem(patch(member, base + "@me", Map.of("nickname", "x".repeat(33)), Map.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(patch(member, base + "@me", Map.of("mutedUntil", "2030-01-01T00:00:00Z"), Map.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(patch(member, base + "@me", Map.of(), Map.of()), 400, "VALIDATION_FAILED");
        assertProblem(patch(owner, base + member.id(), Map.of("mutedUntil", "tomorrow"), Map.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(patch(owner, base + member.id(), Map.of("mutedUntil", "2001-01-01T00:00:00Z"), Map.of()), 400,
                "VALIDATION_FAILED");
        assertProblem(patch(owner, base + owner.id(), Map.of("mutedUntil", Instant.now().plusSeconds(60).toString()),
                Map.of()), 403, "FORBIDDEN");
        assertProblem(patch(member, base + owner.id(), Map.of("mutedUntil", Instant.now().plusSeconds(60).toString()),
                Map.of()), 403, "MISSING_PERMISSION");
        assertProblem(patch(otherOwner, base + member.id(), Map.of("nickname", "x"), Map.of()), 404, "NOT_FOUND");
        assertProblem(patch(otherOwner, base + "@me", Map.of("nickname", "x"), Map.of()), 404, "NOT_FOUND");
        assertProblem(patch(owner, base + "nobody-here", Map.of("nickname", "x"), Map.of()), 404, "NOT_FOUND");
    }

    private static String generalChannel(User owner, String serverId) {
        var created = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "talk", "type", "text")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    @Test
    void aMutedMemberCannotSendUntilAModeratorUnmutesThem() {
        var owner = TestUsers.fresh("mem-owner");
        var member = TestUsers.fresh("mem-muted");
        var serverId = createServer(owner, "public");
        joined(member, serverId);
        var messages = "/api/v1/channels/" + generalChannel(owner, serverId) + "/messages";
        var memberPath = "/api/v1/servers/" + serverId + "/members/" + member.id();

        var until = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var muted = patch(owner, memberPath, Map.of("mutedUntil", until.toString()), Map.of());
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        assertThat(Instant.parse(muted.json().path("mutedUntil").asText())).isEqualTo(until);
        var view = get(memberPath, member.token(), after(muted));
        assertThat(Instant.parse(view.json().path("mutedUntil").asText())).as(view.toString()).isEqualTo(until);
        assertProblem(post(messages, member.token(), json(Map.of("content", "let me speak")), after(muted)), 403,
                "MISSING_PERMISSION");
        var ownerSent = post(messages, owner.token(), json(Map.of("content", "the owner still can")), after(muted));
        assertThat(ownerSent.status()).as(ownerSent.toString()).isEqualTo(201);

        var body = new HashMap<String, Object>();
        body.put("mutedUntil", null);
        var unmuted = patch(owner, memberPath, body, Map.of());
        assertThat(unmuted.status()).as(unmuted.toString()).isEqualTo(200);
        assertThat(unmuted.json().path("mutedUntil").isMissingNode() || unmuted.json().path("mutedUntil").isNull())
                .isTrue();
        var sent = post(messages, member.token(), json(Map.of("content", "thanks")), after(unmuted));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    @Test
    void aMuteIsLiftedAutomaticallyWhenItRunsOut() throws InterruptedException {
        var owner = TestUsers.fresh("mem-owner");
        var member = TestUsers.fresh("mem-muted");
        var serverId = createServer(owner, "public");
        joined(member, serverId);
        var messages = "/api/v1/channels/" + generalChannel(owner, serverId) + "/messages";
        var memberPath = "/api/v1/servers/" + serverId + "/members/" + member.id();

        var until = Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        var muted = patch(owner, memberPath, Map.of("mutedUntil", until.toString()), Map.of());
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);
        assertProblem(post(messages, member.token(), json(Map.of("content", "let me speak")), after(muted)), 403,
                "MISSING_PERMISSION");

        var deadline = until.plusSeconds(60);
        Answer sent;
        do {
            Thread.sleep(500);
            sent = post(messages, member.token(), json(Map.of("content", "free again")), Map.of());
        } while (sent.status() == 403 && Instant.now().isBefore(deadline));
        assertThat(sent.status()).as("send after the mute ran out: " + sent).isEqualTo(201);
        assertThat(Instant.now()).isAfterOrEqualTo(until);
        var lifted = get(memberPath, member.token(), after(sent));
        assertThat(lifted.json().path("mutedUntil").isMissingNode() || lifted.json().path("mutedUntil").isNull())
                .as(lifted.toString()).isTrue();
    }

    private static Map<String, Object> nullNickname() {
        var body = new HashMap<String, Object>();
        body.put("nickname", null);
        return body;
    }
}

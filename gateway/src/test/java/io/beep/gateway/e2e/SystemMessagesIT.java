package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.gateway.e2e.TestUsers.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * System notices posted by the system-messages saga: a join posts {@code member_joined} in the server's
 * first text channel, a conference channel gets its own {@code conference_created}; each exactly once.
 * The saga runs after the write that caused it, so the tests wait for the notice to appear.
 */
class SystemMessagesIT {

    private static final long WAIT_NANOS = 30_000_000_000L;

    private static String createServer(User owner) {
        var server = post("/api/v1/servers", owner.token(), json(Map.of("name", "Notices " + UUID.randomUUID(),
                "description", "system messages e2e", "visibility", "public")));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        return server.json().path("id").asText();
    }

    /** The server's default text channel, which the saga creates just after the server (so: wait for it). */
    private static String generalChannel(User owner, String serverId) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            var channels = get("/api/v1/servers/" + serverId + "/channels", owner.token());
            assertThat(channels.status()).as(channels.toString()).isEqualTo(200);
            for (var channel : channels.json().path("items")) {
                if (channel.path("type").asText().equals("text")) {
                    return channel.path("id").asText();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no text channel in " + channels);
            }
            LockSupport.parkNanos(100_000_000);
        }
    }

    /** The channel's messages once one matches (or what there is when the wait runs out). */
    private static List<JsonNode> messagesOnce(User reader, String channelId, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            var page = get("/api/v1/channels/" + channelId + "/messages", reader.token());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            var messages = new ArrayList<JsonNode>();
            page.json().path("items").forEach(messages::add);
            if (messages.stream().anyMatch(wanted) || System.nanoTime() > deadline) {
                return messages;
            }
            LockSupport.parkNanos(100_000_000);
        }
    }

    @Test
    void aJoinPostsOneMemberJoinedNoticeByTheNewMemberInTheFirstTextChannel() {
        var owner = TestUsers.fresh("notice-owner");
        var member = TestUsers.fresh("notice-member");
        var serverId = createServer(owner);
        var general = generalChannel(owner, serverId);
        assertThat(post("/api/v1/servers/" + serverId + "/join", member.token(), "").status()).isEqualTo(200);
        assertThat(post("/api/v1/servers/" + serverId + "/join", member.token(), "").status()).isEqualTo(200);

        var messages = messagesOnce(owner, general, m -> m.path("type").asText().equals("member_joined"));
        var notices = messages.stream().filter(m -> m.path("type").asText().equals("member_joined")).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).path("authorId").asText()).isEqualTo(member.id());
        assertThat(notices.get(0).path("channelId").asText()).isEqualTo(general);

        var sent = post("/api/v1/channels/" + general + "/messages", member.token(), json(Map.of("content", "hi")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var later = messagesOnce(owner, general, m -> m.path("content").asText().equals("hi"));
        assertThat(later.stream().filter(m -> m.path("type").asText().equals("member_joined"))).hasSize(1);
    }

    @Test
    void aConferenceChannelGetsAConferenceCreatedNoticeInItself() {
        var owner = TestUsers.fresh("notice-owner");
        var serverId = createServer(owner);
        var created = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "town-hall", "type", "conference")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var conference = created.json().path("id").asText();

        var messages = messagesOnce(owner, conference, m -> m.path("type").asText().equals("conference_created"));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("type").asText()).isEqualTo("conference_created");
        assertThat(messages.get(0).path("authorId").asText()).isEqualTo(owner.id());
        assertThat(messages.get(0).path("content").asText()).isEqualTo("town-hall");

        var text = post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                json(Map.of("name", "chat", "type", "text")));
        var chat = text.json().path("id").asText();
        var sent = post("/api/v1/channels/" + chat + "/messages", owner.token(), json(Map.of("content", "marker")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(messagesOnce(owner, chat, m -> m.path("content").asText().equals("marker")))
                .extracting(m -> m.path("type").asText()).containsExactly("default");
    }
}
